// A topic page told at once when a moderator locks, hides or moves the topic: on the
// "topic_changed" event the page asks the server for the topic's state (data-state-url of
// `root`) and disables the reply form with the reason shown, keeping what was typed; a
// moved topic gets a notice with its new category. Texts: data-text-* of `notice`.
import { fetchJson } from "../core/fetch-json.js";
import { listen } from "../core/socket.js";

function setReplying(form, allowed) {
  if (!form) return;
  form.dataset.disabled = allowed ? "" : "locked";
  for (const control of form.querySelectorAll("textarea")) {
    control.readOnly = !allowed; // the text stays, can be selected and copied
    if (allowed) control.removeAttribute("aria-disabled");
    else control.setAttribute("aria-disabled", "true");
  }
  for (const control of form.querySelectorAll("button, input[type=submit]")) {
    control.disabled = !allowed;
  }
}

function say(notice, parts) {
  notice.replaceChildren(
    ...parts.map((part) => {
      const line = document.createElement("p");
      line.className = "notice";
      line.append(...part);
      return line;
    })
  );
}

/** Follow the topic's state on the page whose posts list is `root` (see the module). */
export function setUpTopicState(root, notice, form) {
  if (!notice) return;
  const topicId = Number(root.dataset.topicId) || 0;
  let categoryId = Number(root.dataset.categoryId) || 0;

  async function refresh() {
    let state;
    try {
      state = await fetchJson(root.dataset.stateUrl);
    } catch (error) {
      if (error && error.status === 404) {
        setReplying(form, false);
        say(notice, [[notice.dataset.textUnavailable]]);
      }
      return;
    }
    setReplying(form, state.reply_allowed);
    const parts = [];
    if (!state.reply_allowed && state.reason) parts.push([state.reason]);
    if (state.category && state.category.id !== categoryId) {
      const [before, after] = notice.dataset.textMoved.split("{category}");
      const link = document.createElement("a");
      link.href = state.category.url;
      link.textContent = state.category.name;
      parts.push([before, link, after ?? ""]);
      categoryId = state.category.id;
      root.dataset.categoryId = String(categoryId);
    }
    if (parts.length || state.reply_allowed) say(notice, parts);
    root.dataset.topicState = state.reply_allowed ? "open" : "closed";
  }

  listen("topic_changed", (data) => {
    if (data && data.topic_id === topicId) refresh();
  });
}
