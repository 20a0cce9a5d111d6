// Writing on the board: drafts of replies and new topics (core/drafts.js), the preview
// without a reload, and forgetting a draft in this tab once its post is on the page.
import { announce } from "../core/announce.js";
import { draftKeys, keepDraft, readDraft, removeDraft } from "../core/drafts.js";
import { fetchJson } from "../core/fetch-json.js";
import { listen, whenDisconnected } from "../core/socket.js";

const squash = (text) => (text || "").replace(/\s+/g, " ").trim();

/**
 * On a topic page (`topic`: [data-live-topic] with data-user-id, data-topic-title,
 * data-reply-draft-url and data-new-topic-draft-url), forget the drafts this tab kept for
 * a reply or the new topic that the page shows as posted.
 */
export function forgetPosted(topic) {
  const me = topic.dataset.userId;
  for (const key of draftKeys()) {
    const entry = readDraft(key);
    if (!entry || !entry.submitted) continue;
    let posted = false;
    if (key === topic.dataset.replyDraftUrl) {
      posted = [...topic.querySelectorAll(`[data-author-id="${Number(me)}"]`)].some(
        (post) => Number(post.dataset.number) > entry.submitted.after
      );
    } else if (key === topic.dataset.newTopicDraftUrl) {
      const first = topic.querySelector('[data-post-id][data-number="1"]');
      posted =
        Boolean(first) &&
        first.dataset.authorId === me &&
        squash(topic.dataset.topicTitle) === squash(entry.title);
    }
    if (posted) removeDraft(key);
  }
}

/** Keep the drafts of `forms` ([data-draft-url]); the connection's state is their notice. */
export function keepDrafts(forms) {
  const kept = [...forms].map(keepDraft).filter(Boolean);
  if (!kept.length) return;
  whenDisconnected(() => kept.forEach((draft) => draft.connectionLost()));
  listen("connect", () => kept.forEach((draft) => draft.connectionBack()));
}

/**
 * The preview button of `form` (data-preview-url) shows the rendered text in the form's
 * [data-preview-output] without a reload; the server's error message in its place when the
 * text is refused, the draft status's data-text-offline when the server cannot be reached.
 */
export function setUpPreview(form) {
  const button = form.querySelector('[name="preview"]');
  const output = form.querySelector("[data-preview-output]");
  const body = form.querySelector("textarea[name=body]");
  if (!button || !output || !body || !form.dataset.previewUrl) return;
  const target = output.querySelector("[data-preview-body]") || output;
  button.addEventListener("click", async (event) => {
    event.preventDefault();
    try {
      const result = await fetchJson(form.dataset.previewUrl, {
        method: "POST",
        form: { body: body.value },
      });
      output.hidden = false;
      // Sanitized by the server (text.py), exactly as the post would be stored.
      target.innerHTML = result.html;
    } catch (error) {
      if (error.code) {
        output.hidden = false;
        target.textContent = error.message;
      } else {
        const status = form.querySelector("[data-draft-status]");
        announce(status, status?.dataset.textOffline);
      }
    }
  });
}
