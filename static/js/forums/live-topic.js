// A topic page, live: new, edited, hidden and deleted posts and reaction counts appear
// without a reload. Socket.IO events only say which post changed; the page then asks the
// server for the posts rendered for this viewer (its own permissions apply) and puts them in.
import { announce } from "../core/announce.js";
import { fetchJson } from "../core/fetch-json.js";
import { ask, keepJoined, listen, whenDisconnected } from "../core/socket.js";

const POST = "[data-post-id][data-number]";
const CONTROLS = "a[href], button, summary, input, textarea, select";

const postAt = (number) => `[data-post-id][data-number="${number}"]`;

function fromHtml(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  return template.content.firstElementChild;
}

// Replace `old` by `fresh`, keeping keyboard focus on the same control (e.g. a reaction).
function replaceKeepingFocus(old, fresh) {
  const active = document.activeElement;
  const index =
    active && old.contains(active) ? [...old.querySelectorAll(CONTROLS)].indexOf(active) : -1;
  old.replaceWith(fresh);
  if (index >= 0) fresh.querySelectorAll(CONTROLS)[index]?.focus();
}

/**
 * Keep the posts of `root` (the topic page's [data-live-topic] list) current.
 *
 * `root` carries data-topic-id, data-page, data-pages, data-last-number, data-posts-url
 * (the posts as JSON) and data-newest-url; `notice` is the page's polite status line with
 * data-text-new-replies, data-text-show and data-text-unavailable. `onNewPost(element)` is
 * called for each post that arrives. `root.dataset.live` says "joined", "lost" or "closed"
 * (for people's tools and the browser tests).
 */
export function setUpLiveTopic(root, notice, { onNewPost = () => {} } = {}) {
  const topicId = Number(root.dataset.topicId) || 0;
  const onLastPage = root.dataset.page === root.dataset.pages;
  let lastSeen = Number(root.dataset.lastNumber) || 0;
  let wasDisconnected = false;
  let busy = Promise.resolve();

  const offerNewest = () =>
    announce(notice, notice.dataset.textNewReplies, {
      text: notice.dataset.textShow,
      href: root.dataset.newestUrl,
    });

  function place(element) {
    const number = Number(element.dataset.number);
    const existing = root.querySelector(postAt(number));
    if (existing) {
      replaceKeepingFocus(existing, element);
      return;
    }
    if (!onLastPage) return; // later posts belong to later pages
    const posts = [...root.querySelectorAll(POST)];
    const later = posts.find((post) => Number(post.dataset.number) > number);
    if (later) later.before(element);
    else root.append(element);
  }

  // Fetch rendered posts and place them, one answer at a time, in the order asked.
  // `params` may be a function, read when its turn comes (null: nothing to ask any more).
  function load(params) {
    busy = busy.then(async () => {
      if (typeof params === "function") params = params();
      if (!params) return;
      let data;
      try {
        // On the last page, what is shown counts as read.
        const query = onLastPage ? { ...params, mark: 1 } : params;
        data = await fetchJson(root.dataset.postsUrl, { params: query });
      } catch {
        return; // offline or refused: the next reconnection catches up
      }
      let added = false;
      for (const item of data.posts || []) {
        const element = fromHtml(item.html);
        if (!element) continue;
        const isNew = !root.querySelector(postAt(item.number));
        place(element);
        if (isNew && item.number > lastSeen) {
          added = true;
          lastSeen = item.number;
          onNewPost(element);
        }
      }
      if (added && !onLastPage) offerNewest();
    });
    return busy;
  }

  function shownRange() {
    const first = root.querySelector(POST);
    return first ? Number(first.dataset.number) - 1 : lastSeen;
  }

  async function join() {
    const ack = await ask("join_topic", { topic_id: topicId, after_number: lastSeen });
    if (ack && ack.error === "not_found") {
      // Hidden or moved out of the person's reach since the page was loaded.
      root.dataset.live = "closed";
      announce(notice, notice.dataset.textUnavailable);
      return;
    }
    if (!ack || !ack.ok) return;
    root.dataset.live = "joined";
    if (ack.complete === false) offerNewest(); // too much was missed to catch up here
    if (wasDisconnected) {
      // Re-render what is shown (edits and hides we missed) and add what is new.
      wasDisconnected = false;
      load({ after: shownRange() });
    } else if (ack.missed && ack.missed.length) {
      load({ after: lastSeen });
    }
  }

  keepJoined(join);
  whenDisconnected(() => {
    wasDisconnected = true;
    root.dataset.live = "lost";
  });

  const forThisTopic = (handler) => (data) => {
    if (data && data.topic_id === topicId) handler(data);
  };
  listen(
    "post_created",
    forThisTopic((data) => {
      // Several replies in a row: the first answer may bring them all (asked when its turn comes).
      if (data.number > lastSeen) load(() => (data.number > lastSeen ? { after: lastSeen } : null));
    })
  );
  for (const event of ["post_edited", "post_hidden", "post_deleted", "reactions_changed"]) {
    listen(
      event,
      forThisTopic((data) => {
        // Only posts on this page; "reactions_changed" does not say the post's number.
        const shown = root.querySelector(`[data-post-id="${Number(data.post_id)}"]`);
        if (shown) load({ number: data.number ?? shown.dataset.number });
      })
    );
  }
}
