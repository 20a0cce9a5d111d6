// Polite announcements for screen readers: a live region (role="status") gets a text and,
// optionally, a link. The texts come from the page (data-text-* attributes), never from here.

/**
 * Put `text` into `region` (an element with aria-live="polite"), followed by a link when
 * `link` ({text, href}) is given, and make sure the region is shown. An empty text clears it.
 */
export function announce(region, text, link = null) {
  if (!region) return;
  region.textContent = text || "";
  if (link && link.text && link.href) {
    const anchor = document.createElement("a");
    anchor.href = link.href;
    anchor.textContent = link.text;
    region.append(" ", anchor);
  }
  region.hidden = false;
}
