// "X is writing…" on a topic page: others' typing is shown in a polite status line, and
// this person's typing in the reply box is told to the others (at most every few seconds).
import { emit, isConnected, listen, whenDisconnected } from "../core/socket.js";

const TYPING_EVERY_MS = 2500; // emit "typing" at most this often
const TYPING_SHOWN_MS = 5000; // hide "X is writing…" this long after the last event

/**
 * Show who is writing in `notice` (its data-text-writing and data-text-writing-many hold
 * "{name}" for the names) and tell others when `replyBox` (may be null) is typed in.
 * `root` carries data-topic-id and data-user-id. Returns {stop(userId)}: that person's
 * reply has arrived, so they are no longer writing.
 */
export function setUpTyping(root, notice, replyBox) {
  const topicId = Number(root.dataset.topicId) || 0;
  const myId = Number(root.dataset.userId) || 0;
  let writers = new Map(); // user id -> {name, timer}

  function show() {
    if (!notice) return;
    const names = [...writers.values()].map((writer) => writer.name);
    if (!names.length) {
      notice.textContent = "";
      return;
    }
    const texts = notice.dataset;
    const pattern = names.length === 1 ? texts.textWriting : texts.textWritingMany;
    notice.textContent = pattern.replace("{name}", names.join(", "));
  }

  function stop(userId) {
    const id = Number(userId);
    const writer = writers.get(id);
    if (!writer) return;
    clearTimeout(writer.timer);
    writers.delete(id);
    show();
  }

  listen("typing", (data) => {
    if (!data || data.topic_id !== topicId) return;
    if (data.user_id === myId || typeof data.name !== "string") return;
    const writer = writers.get(data.user_id) || { name: data.name };
    clearTimeout(writer.timer);
    writer.timer = setTimeout(() => stop(data.user_id), TYPING_SHOWN_MS);
    writers.set(data.user_id, writer);
    show();
  });
  whenDisconnected(() => {
    for (const writer of writers.values()) clearTimeout(writer.timer);
    writers = new Map();
    show();
  });

  let lastTyping = 0;
  replyBox?.addEventListener("input", () => {
    const now = Date.now();
    if (now - lastTyping < TYPING_EVERY_MS || !isConnected()) return;
    lastTyping = now;
    emit("typing", { topic_id: topicId });
  });

  return { stop };
}
