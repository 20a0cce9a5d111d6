// "Copy link" beside each post's number: copies the post's permanent address. Without
// JavaScript (or without a clipboard) the button stays hidden and "#N" is the link itself.
// The confirmation is said in `status` (a polite live region) with its data-text-copied.
import { announce } from "../core/announce.js";

/** Show the copy buttons under `root` (also those of posts added later) and handle them. */
export function setUpPermalinks(root, status) {
  if (!navigator.clipboard || !window.isSecureContext) return;
  const reveal = () => {
    for (const button of root.querySelectorAll("button[data-copy-link][hidden]")) button.hidden = false;
  };
  reveal();
  new MutationObserver(reveal).observe(root, { childList: true });
  root.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-copy-link]");
    if (!button) return;
    const url = new URL(button.dataset.copyLink, window.location.href).href;
    try {
      await navigator.clipboard.writeText(url);
      if (status) announce(status, status.dataset.textCopied);
      button.dataset.copied = "true";
    } catch {
      window.location.assign(url); // no permission: the link itself
    }
  });
}
