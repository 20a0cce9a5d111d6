// The category list and a category page, live: a row with new activity gets a badge and the
// page's status line offers a reload.
import { announce } from "../core/announce.js";
import { ask, keepJoined, listen } from "../core/socket.js";

/**
 * Follow activity for the page whose polite status line is `notice` ([data-live-activity]).
 *
 * `notice` carries data-text-activity, data-text-reload and data-text-badge and, on a
 * category page, data-category-id (only that category's topics are followed; the rows are
 * li[data-topic-id], else the category list's [data-activity-row][data-category-id]). The badge goes into the row's
 * [data-badges]. `notice.dataset.live` says "joined" once the server has taken the page in.
 */
export function setUpActivity(notice) {
  const onlyCategory = Number(notice.dataset.categoryId) || 0;

  keepJoined(async () => {
    const ack = await ask("join_category_list", {});
    if (ack && ack.ok) notice.dataset.live = "joined";
  });

  listen("topic_activity", (data) => {
    if (!data || (onlyCategory && data.category_id !== onlyCategory)) return;
    const row = onlyCategory
      ? document.querySelector(`li[data-topic-id="${Number(data.topic_id)}"]`)
      : document.querySelector(`[data-activity-row][data-category-id="${Number(data.category_id)}"]`);
    if (row && !row.querySelector("[data-activity-badge]")) {
      const badge = document.createElement("span");
      badge.className = "badge new activity";
      badge.dataset.activityBadge = "";
      badge.textContent = notice.dataset.textBadge;
      (row.querySelector("[data-badges]") || row).append(badge);
    }
    row?.classList.add("has-activity");
    announce(notice, notice.dataset.textActivity, {
      text: notice.dataset.textReload,
      href: window.location.href,
    });
  });
}
