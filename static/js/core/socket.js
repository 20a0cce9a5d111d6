// The page's one Socket.IO connection, for signed-in pages only (<body data-socket="on">).
// It is made on first use, by whichever module asks first, so that the order in which
// modules run does not matter. Features listen and emit through the functions below.
import { io } from "../../vendor/socket.io.esm.min.js";

const REJOIN_WITHIN_MS = 1000; // "rejoin": join again after a random delay up to this

let socket; // undefined until asked for; null on a page without a connection
let leaving = false;

function open() {
  const made = io({ transports: ["websocket", "polling"] });
  // The login session ended (signed out in another tab, or revoked): the server closes the
  // connection; the reload shows the login page. A sign-out from this page navigates there
  // itself, and a reload would cut it short and lose its "signed out" message.
  made.on("session_ended", () => {
    made.disconnect();
    if (!leaving) window.location.reload();
  });
  return made;
}

/** The page's Socket.IO socket, made on first call; null when the page has none. */
export function connection() {
  if (socket === undefined) socket = document.body.dataset.socket === "on" ? open() : null;
  return socket;
}

/** This page is signing out: "session_ended" must not reload it. */
export function signingOut() {
  leaving = true;
}

/** Call `handler(data)` for every `event` the server sends. */
export function listen(event, handler) {
  connection()?.on(event, handler);
}

/** Send `event` with `data`, without waiting for an answer. */
export function emit(event, data) {
  connection()?.emit(event, data);
}

/** Send `event` with `data`; resolves with the server's acknowledgement. */
export function ask(event, data) {
  const current = connection();
  if (!current) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    current.emit(event, data, resolve);
  });
}

/** True while the connection is up. */
export function isConnected() {
  return Boolean(connection()?.connected);
}

/** Run `handler` now if connected, and again after every (re)connection. */
export function whenConnected(handler) {
  const current = connection();
  if (!current) return;
  current.on("connect", handler);
  if (current.connected) handler();
}

/** Run `handler` whenever the connection is lost. */
export function whenDisconnected(handler) {
  listen("disconnect", handler);
}

/**
 * `join` the page's rooms: now, after every reconnection, and when the server says "rejoin".
 *
 * The server empties a room when who may read it changes and says "rejoin"; every page joins
 * again (the join is checked anew), spread out so as not to arrive all at once.
 */
export function keepJoined(join) {
  whenConnected(join);
  listen("rejoin", () => {
    setTimeout(join, 100 + Math.random() * REJOIN_WITHIN_MS);
  });
}
