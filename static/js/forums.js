// The message board's pages: live topic pages and category lists, "X is writing…",
// reactions, drafts, the composer and preview, attaching files with progress, @mention
// suggestions, relative times, the "N new replies" bar, copyable permalinks, and the topic's
// state after a moderator's change. An enhancement only: every page works without it. Addresses and every text shown
// come from the pages' data-* attributes.
import { setUpComposer } from "./core/composer.js";
import { setUpMentions } from "./core/mentions.js";
import { setUpRelativeTimes } from "./core/relative-time.js";
import { connection } from "./core/socket.js";
import { setUpActivity } from "./forums/activity.js";
import { setUpAttachments } from "./forums/attachments.js";
import { forgetPosted, keepDrafts, setUpPreview } from "./forums/compose.js";
import { setUpLiveTopic } from "./forums/live-topic.js";
import { setUpNewReplies } from "./forums/new-replies.js";
import { setUpPermalinks } from "./forums/permalinks.js";
import { setUpReactions } from "./forums/reactions.js";
import { setUpTopicState } from "./forums/topic-state.js";
import { setUpTyping } from "./forums/typing.js";

const topic = document.querySelector("[data-live-topic]");
const status = document.querySelector("#topic-status");

if (topic) {
  forgetPosted(topic);
  setUpPermalinks(topic, status);
}
setUpRelativeTimes(document.querySelector("[data-relative-texts]"));
keepDrafts(document.querySelectorAll("form[data-draft-url]"));
document.querySelectorAll("form[data-preview-url]").forEach((form) => {
  setUpPreview(form);
  setUpComposer(form);
  setUpMentions(form);
});
document.querySelectorAll("[data-attachments]").forEach(setUpAttachments);
setUpReactions();

if (connection()) {
  if (topic) {
    const replyForm = document.querySelector("form[data-topic-last]");
    const typing = setUpTyping(
      topic,
      document.querySelector("[data-typing-notice]"),
      replyForm?.querySelector("textarea[name=body]")
    );
    const bar = setUpNewReplies(
      document.querySelector("[data-new-replies-button]"),
      topic,
      topic.dataset.newestUrl
    );
    setUpLiveTopic(topic, status, {
      onNewPost: (post) => {
        typing.stop(post.dataset.authorId);
        if (Number(post.dataset.authorId) !== Number(topic.dataset.userId)) bar.add(post);
      },
    });
    setUpTopicState(topic, document.querySelector("[data-topic-changed]"), replyForm);
  }
  const activity = document.querySelector("[data-live-activity]");
  if (activity) setUpActivity(activity);
}
