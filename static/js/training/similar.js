// Similar proposals while a title is typed: after a short pause the page's similar.json is
// asked for titles sharing words with it (accent- and case-insensitive, on the server), and
// they are listed under the field as links, so that people support an existing proposal
// instead of making a twin. The address comes from the field's data-similar-url, every
// text from the list's data-* attributes. Without JavaScript the form simply posts.
import { fetchJson } from "../core/fetch-json.js";

const PAUSE_MS = 300;
const MIN_LENGTH = 3;

function render(box, items) {
  box.replaceChildren();
  if (!items.length) return; // an empty list is not shown (CSS :empty)
  const heading = document.createElement("p");
  heading.className = "similar-heading";
  heading.textContent = box.dataset.similarHeading;
  const list = document.createElement("ul");
  list.className = "panel-list";
  for (const item of items) {
    const entry = document.createElement("li");
    const link = document.createElement("a");
    link.className = "govgr-link";
    link.href = item.url;
    link.dir = "auto";
    link.textContent = item.title;
    const meta = document.createElement("span");
    meta.className = "muted panel-meta";
    meta.textContent = `${item.status_label} · ${box.dataset.supportsLabel}: ${item.supports}`;
    entry.append(link, " ", meta);
    list.append(entry);
  }
  box.append(heading, list);
}

/** Suggest similar proposals under `input` (a title field with data-similar-url). */
export function setUpSimilar(input, box) {
  if (!input || !box || !input.dataset.similarUrl) return;
  let timer = null;
  let asked = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = input.value.trim();
      const ticket = ++asked;
      if (query.length < MIN_LENGTH) {
        render(box, []);
        return;
      }
      try {
        const data = await fetchJson(input.dataset.similarUrl, { params: { q: query } });
        if (ticket === asked) render(box, data.items || []);
      } catch {
        if (ticket === asked) render(box, []); // a suggestion is a help, never an obstacle
      }
    }, PAUSE_MS);
  });
}
