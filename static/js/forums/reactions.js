// Reactions without a reload: a reaction button (name="kind" in a post) is sent with fetch
// and the post's counts are updated in place; when that fails, the form is sent as usual.
// The row shows only the reactions given, so on a topic page the post is then fetched again
// rendered by the server (who reacted, a new reaction in the row, the menu closed).
import { fetchJson } from "../core/fetch-json.js";

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

// Put the server's rendering of `post` in its place, the focus on the reaction `kind` sent
// (or on the "+" menu when that reaction is gone).
async function rerender(post, kind) {
  const root = post.closest("[data-posts-url]");
  if (!root) return;
  const number = post.dataset.number;
  try {
    const data = await fetchJson(root.dataset.postsUrl, { params: { number } });
    const item = (data.posts || [])[0];
    // The live layer may have put a fresh copy of the post in meanwhile: replace that one.
    const current = root.querySelector(`[data-post-id][data-number="${number}"]`);
    if (!item || !current) return;
    const template = document.createElement("template");
    template.innerHTML = item.html.trim();
    const fresh = template.content.firstElementChild;
    if (!fresh) return;
    const active = document.activeElement;
    const hadFocus = current.contains(active) || !active || active === document.body;
    current.replaceWith(fresh);
    if (hadFocus) {
      const chip = fresh.querySelector(`.reactions > button[name="kind"][value="${CSS.escape(kind)}"]`);
      (chip || fresh.querySelector(".reaction-add summary"))?.focus();
    }
  } catch {
    // The counts shown are right already; the names come with the next reload.
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
