// The message board's pages: live topic pages and category lists, "X is writing…",
// reactions, drafts, the composer and preview. An enhancement only: every page works without it.
// Addresses and every text shown come from the pages' data-* attributes.
import { setUpComposer } from "./core/composer.js";
import { connection } from "./core/socket.js";
import { setUpActivity } from "./forums/activity.js";
import { forgetPosted, keepDrafts, setUpPreview } from "./forums/compose.js";
import { setUpLiveTopic } from "./forums/live-topic.js";
import { setUpReactions } from "./forums/reactions.js";
import { setUpTyping } from "./forums/typing.js";

const topic = document.querySelector("[data-live-topic]");

if (topic) forgetPosted(topic);
keepDrafts(document.querySelectorAll("form[data-draft-url]"));
document.querySelectorAll("form[data-preview-url]").forEach((form) => {
  setUpPreview(form);
  setUpComposer(form);
});
setUpReactions();

if (connection()) {
  if (topic) {
    const typing = setUpTyping(
      topic,
      document.querySelector("[data-typing-notice]"),
      document.querySelector("form[data-topic-last] textarea[name=body]")
    );
    setUpLiveTopic(topic, document.querySelector("[data-text-new-replies]"), {
      onNewPost: (post) => typing.stop(post.dataset.authorId),
    });
  }
  const activity = document.querySelector("[data-live-activity]");
  if (activity) setUpActivity(activity);
}
