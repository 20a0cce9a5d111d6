"""Message board: categories, topics, posts, reactions, moderation, unread tracking, drafts."""
