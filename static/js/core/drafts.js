// Drafts of what people write, kept in two places: on the server (the author's draft, saved
// a few seconds after each change) and, on every input, in this tab's sessionStorage (never
// localStorage: computers in community centres are shared; app.js calls forgetDrafts() at
// sign-out). When the server cannot be reached or the session has ended, the text stays in
// this tab and comes back after signing in again.
import { announce } from "./announce.js";
import { fetchJson } from "./fetch-json.js";

// The name predates drafts of other features than the board; kept so that drafts in tabs
// open during an upgrade are still found and cleared at sign-out.
const PREFIX = "forum-draft:";
const SAVE_AFTER_MS = 3000;

/** The entry this tab keeps under `key`, or null. */
export function readDraft(key) {
  try {
    return JSON.parse(window.sessionStorage.getItem(PREFIX + key) || "null");
  } catch {
    return null;
  }
}

function writeDraft(key, entry) {
  try {
    window.sessionStorage.setItem(PREFIX + key, JSON.stringify(entry));
  } catch {
    // storage full or disabled: the server draft still works
  }
}

/** Forget the entry kept under `key`. */
export function removeDraft(key) {
  try {
    window.sessionStorage.removeItem(PREFIX + key);
  } catch {
    // no storage: nothing to clear
  }
}

/** The keys of every draft this tab keeps. */
export function draftKeys() {
  const keys = [];
  try {
    for (let i = 0; i < window.sessionStorage.length; i += 1) {
      const name = window.sessionStorage.key(i);
      if (name && name.startsWith(PREFIX)) keys.push(name.slice(PREFIX.length));
    }
  } catch {
    // no storage: nothing was kept
  }
  return keys;
}

/** Forget every draft this tab keeps (at sign-out). */
export function forgetDrafts() {
  draftKeys().forEach(removeDraft);
}

function serverTime(value) {
  if (!value) return 0;
  // Naive ISO times from the server are UTC.
  const text = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  return Date.parse(text) || 0;
}

/**
 * Keep the draft of `form`: its `data-draft-url` (the server draft, GET and POST JSON, also
 * the key in this tab), `data-user-id`, `data-topic-last` (the newest post number when the
 * page was made, for a reply), a textarea `body`, an optional input `title`, and a live
 * region `[data-draft-status]` whose `data-text-offline`, `-expired` and `-restored` are the
 * notices. Returns {connectionLost(), connectionBack()} for the page's connection to call,
 * or null when the form is not one to keep.
 */
export function keepDraft(form) {
  const url = form.dataset.draftUrl;
  const key = url;
  const body = form.querySelector("textarea[name=body]");
  const title = form.querySelector("input[name=title]");
  const status = form.querySelector("[data-draft-status]");
  const me = form.dataset.userId;
  if (!url || !body || !status) return null;
  let timer = null;
  let sending = false;
  let problem = null; // "offline" | "expired" | null

  const current = () => ({ title: title ? title.value : "", body: body.value });

  function remember(synced, { submitted = null, savedAt = Date.now() } = {}) {
    writeDraft(key, { user: me, ...current(), savedAt, synced, submitted });
  }

  function show(kind) {
    problem = kind;
    const texts = { offline: status.dataset.textOffline, expired: status.dataset.textExpired };
    announce(status, kind ? texts[kind] : "");
  }

  function send(text, keepalive) {
    return fetchJson(url, { method: "POST", json: text, keepalive });
  }

  async function save() {
    timer = null;
    if (sending) {
      timer = setTimeout(save, SAVE_AFTER_MS);
      return;
    }
    const text = current();
    sending = true;
    try {
      await send(text, false);
      const now = current();
      if (now.body === text.body && now.title === text.title) remember(true);
      if (problem) show(null);
    } catch (error) {
      if (error.offline) show("offline");
      // 401: signed out; 400: the CSRF token of a session that has ended.
      else if (error.status === 401 || error.status === 400) show("expired");
    } finally {
      sending = false;
    }
  }

  function changed() {
    remember(false);
    if (!timer) timer = setTimeout(save, SAVE_AFTER_MS);
  }

  body.addEventListener("input", changed);
  if (title) title.addEventListener("input", changed);

  form.addEventListener("submit", (event) => {
    if (event.submitter && event.submitter.name === "preview") return;
    clearTimeout(timer); // a late save would bring back the draft the post removes
    timer = null;
    const entry = readDraft(key) || {};
    remember(false, {
      savedAt: entry.savedAt || Date.now(),
      submitted: { after: Number(form.dataset.topicLast) || 0 },
    });
  });

  // Leaving the page before the next save: send it now (keepalive outlives the page).
  window.addEventListener("pagehide", () => {
    if (!timer) return;
    clearTimeout(timer);
    timer = null;
    send(current(), true).catch(() => {
      // the text is still in this tab
    });
  });
  window.addEventListener("offline", () => show("offline"));

  // Restore: the server's draft (already in the form) unless this tab holds newer unsent text.
  async function restore() {
    let local = readDraft(key);
    if (local && local.user !== me) {
      removeDraft(key);
      local = null;
    }
    if (local && local.submitted && body.value) local.submitted = null; // re-shown with an error
    if (!local || !local.body || local.synced || local.body === body.value) return;
    let server;
    try {
      server = await fetchJson(url);
    } catch {
      return; // offline: keep what the page shows
    }
    if (serverTime(server.updated_at) > local.savedAt) return;
    if (body.value && body.value !== (server.body || "")) return; // typed since the load
    body.value = local.body;
    if (title && local.title) title.value = local.title;
    announce(status, status.dataset.textRestored);
    // As typing would: the draft is kept again, and a live preview (core/composer.js) follows.
    body.dispatchEvent(new Event("input", { bubbles: true }));
  }
  restore();

  return {
    connectionLost() {
      show(problem || "offline");
    },
    connectionBack() {
      if (problem !== "offline") return;
      const entry = readDraft(key);
      if (entry && !entry.synced) save(); // clears the notice once the server has the text
      else show(null);
    },
  };
}
