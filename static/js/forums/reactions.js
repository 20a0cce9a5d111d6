// Reactions without a reload: a reaction button (name="kind" in a post) is sent with fetch
// and the post's counts are updated in place; when that fails, the form is sent as usual.
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
    } catch {
      // Fall back to what the form does without JavaScript (a page reload).
      sentAsUsual.add(button);
      button.form.requestSubmit(button);
    }
  });
}
