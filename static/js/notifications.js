// The unread-notifications badge: the server sends the new count to the person's own room
// ("notifications_count") whenever it changes; the page shows it without reloading. The
// badge's markup (templates/notifications/_badge.html) is correct without this script.
import { listen, whenConnected } from "./core/socket.js";

const badges = () => document.querySelectorAll("[data-notification-badge]");

function show(count) {
  badges().forEach((badge) => {
    const number = badge.querySelector("[data-notification-count]");
    if (!number) return;
    number.textContent = String(count);
    number.classList.toggle("is-zero", count === 0);
    const text = badge.querySelector("[data-notification-count-text]");
    if (text) text.textContent = text.dataset.text.replace("{n}", String(count));
  });
}

async function refresh() {
  const badge = badges()[0];
  if (!badge) return;
  const answer = await fetch(badge.dataset.countUrl, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  if (answer.ok) show((await answer.json()).unread);
}

if (badges().length) {
  listen("notifications_count", (data) => {
    if (data && Number.isInteger(data.unread)) show(data.unread);
  });
  // After a reconnection the count may have changed meanwhile.
  whenConnected(() => {
    refresh().catch(() => {});
  });
}
