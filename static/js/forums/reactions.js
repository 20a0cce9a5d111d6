// Reactions without a reload: a reaction button (name="kind" in a post) is sent with fetch
// and the post's counts are updated in place; when that fails, the form is sent as usual.
// The row shows only the reactions given, so on a topic page the post is then fetched again
// rendered by the server (who reacted, a new reaction in the row, the menu closed).
import { fetchJson } from "../core/fetch-json.js";

async function rerender(post, kind) {
  const root = post.closest("[data-posts-url]");
  if (!root) return;
  try {
    const data = await fetchJson(root.dataset.postsUrl, { params: { number: post.dataset.number } });
    const item = (data.posts || [])[0];
    if (!item || !post.isConnected) return;
    const template = document.createElement("template");
    template.innerHTML = item.html.trim();
    const fresh = template.content.firstElementChild;
    if (!fresh) return;
    const hadFocus = post.contains(document.activeElement);
    post.replaceWith(fresh);
    if (hadFocus) {
      const chip = fresh.querySelector(`.reactions > button[name="kind"][value="${CSS.escape(kind)}"]`);
      (chip || fresh.querySelector(".reaction-add summary"))?.focus();
    }
  } catch {
    // The counts shown are right already; the names come with the next reload.
  }
}

const sentAsUsual = new WeakSet(); // buttons whose next submission the browser makes itself

// Where `button` sends its form. Its `formAction` is the page's own address when it has no
// formaction attribute; the form's action is the target then.
function targetOf(button) {
  return button.hasAttribute("formaction") ? button.formAction : button.form.action;
}

function showCounts(post, result) {
  const counts = result.counts || {};
  const mine = result.mine || [];
  for (const button of post.querySelectorAll('button[name="kind"]')) {
    const count = counts[button.value] || 0;
    button.setAttribute("aria-pressed", String(mine.includes(button.value)));
    const shown = button.querySelector("[data-count]");
    if (shown) {
      shown.dataset.count = String(count);
      shown.textContent = count ? String(count) : "";
    }
  }
}

/** Send the reactions of every post on the page with fetch (see the module). */
export function setUpReactions() {
  document.addEventListener("submit", async (event) => {
    const button = event.submitter;
    const post = button && button.name === "kind" ? button.closest("[data-post-id]") : null;
    if (!post) return;
    if (sentAsUsual.delete(button)) return;
    event.preventDefault();
    try {
      const result = await fetchJson(targetOf(button), {
        method: "POST",
        // The state the person asked for, not a toggle: a double click or two tabs agree.
        form: { kind: button.value, state: button.getAttribute("aria-pressed") === "true" ? "off" : "on" },
      });
      showCounts(post, result);
      rerender(post, button.value);
    } catch {
      // Fall back to what the form does without JavaScript (a page reload).
      sentAsUsual.add(button);
      button.form.requestSubmit(button);
    }
  });
}
