// @mentions in the composer. Typing "@" and letters offers the members whose name or handle
// starts with them (the server folds accents and case, Greek and Latin alike, and puts first
// those who can read where the text goes) in a listbox under the text: the ARIA combobox
// pattern, the focus staying in the textarea (Down/Up move, Enter or Tab choose, Escape
// closes; the mouse too). Choosing puts "@handle " in place of what was typed.
// Before posting, a mention of someone who cannot read the category is said in the form's
// live region: the post is still allowed, and the server notifies nobody for them.
//
// The form carries data-mentions-url (notifications.mentions with ?topic= or ?category=);
// the compose macro the listbox ([data-mention-list]) and the warning ([data-mention-warning]),
// with their texts in data-text-*. Without JavaScript the textarea is a plain textarea.
import { replace } from "./composer.js";
import { fetchJson } from "./fetch-json.js";

const ASK_AFTER_MS = 150;
const CHECK_AFTER_MS = 400;
const MAX_MENTIONS = 20;
const LETTER = "[\\p{L}\\p{N}]";
// What is being typed before the caret: "@" at the start or after neither a word character
// nor "@", then a letter and what a handle holds.
const TYPING = new RegExp(`(?:^|[^\\p{L}\\p{N}_@])@(${LETTER}[\\p{L}\\p{N}_.\\-]*)$`, "u");
// The server's MENTION and CODE (notifications/services/mentions.py).
const MENTION = new RegExp(
  `(?<![\\p{L}\\p{N}_@])@(${LETTER}[\\p{L}\\p{N}_.\\-]*[\\p{L}\\p{N}_]|${LETTER})`,
  "gu"
);
const CODE = /```[\s\S]*?```|`[^`\n]*`/g;

/** The server's fold (search.fold): no accents, no case, final sigma as sigma. */
export function fold(text) {
  // \u03c2 is the final sigma, \u03c3 the sigma.
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\u03c2/g, "\u03c3");
}

/** The folded handles `text` mentions, each once, outside code (as the server reads them). */
export function mentionedHandles(text) {
  const found = [];
  for (const match of text.replace(CODE, " ").matchAll(MENTION)) {
    const key = fold(match[1]);
    if (!found.includes(key)) found.push(key);
  }
  return found.slice(0, MAX_MENTIONS);
}

/** The mention being typed before the caret of `area`: {start, end, query}, or null. */
function typing(area) {
  const { value, selectionStart: end, selectionEnd } = area;
  if (end !== selectionEnd) return null;
  const match = TYPING.exec(value.slice(0, end));
  if (!match) return null;
  return { start: end - match[1].length - 1, end, query: match[1] };
}

/** Set up the @mentions of `form` (data-mentions-url, the compose macro's markup). */
export function setUpMentions(form) {
  const url = form.dataset.mentionsUrl;
  const area = form.querySelector("textarea[name=body]");
  const list = form.querySelector("[data-mention-list]");
  const warning = form.querySelector("[data-mention-warning]");
  if (!url || !area || !list) return;

  area.setAttribute("role", "combobox");
  area.setAttribute("aria-autocomplete", "list");
  area.setAttribute("aria-expanded", "false");
  area.setAttribute("aria-controls", list.id);

  const known = new Map(); // folded handle -> {name, handle, can_read}
  const looked = new Set(); // folded handles asked about for the warning
  let members = [];
  let active = -1;
  let asked = 0;
  let askTimer = null;
  let checkTimer = null;

  const ask = (query) => fetchJson(url, { params: { q: query } }).then((answer) => {
    const found = Array.isArray(answer.members) ? answer.members : [];
    found.forEach((member) => known.set(member.handle, member));
    return found;
  });

  function select(index) {
    active = index;
    [...list.children].forEach((option, at) => {
      option.setAttribute("aria-selected", at === index ? "true" : "false");
    });
    if (index < 0) {
      area.removeAttribute("aria-activedescendant");
      return;
    }
    const option = list.children[index];
    area.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  function close() {
    clearTimeout(askTimer);
    asked += 1; // an answer still on its way is dropped
    members = [];
    select(-1);
    list.hidden = true;
    list.textContent = "";
    area.setAttribute("aria-expanded", "false");
  }

  function option(member, index) {
    const item = document.createElement("li");
    item.id = `${list.id}-${index}`;
    item.className = "mention-option";
    item.setAttribute("role", "option");
    item.setAttribute("aria-selected", "false");
    const name = document.createElement("span");
    name.className = "mention-name";
    name.dir = "auto";
    name.textContent = member.name;
    const handle = document.createElement("span");
    handle.className = "mention-handle";
    handle.dir = "auto";
    handle.textContent = `@${member.handle}`;
    item.append(name, " ", handle);
    if (!member.can_read) {
      const note = document.createElement("span");
      note.className = "mention-note";
      note.textContent = `(${list.dataset.textCannotRead})`;
      item.append(" ", note);
    }
    // The textarea keeps the focus (and its caret) when an option is pressed.
    item.addEventListener("mousedown", (event) => event.preventDefault());
    item.addEventListener("click", () => choose(index));
    return item;
  }

  function show(found) {
    members = found;
    list.textContent = "";
    if (!found.length) {
      close();
      return;
    }
    list.append(...found.map(option));
    select(-1);
    list.hidden = false;
    area.setAttribute("aria-expanded", "true");
  }

  async function suggest() {
    const typed = typing(area);
    if (!typed) {
      close();
      return;
    }
    const mine = ++asked;
    try {
      const found = await ask(typed.query);
      if (mine === asked) show(found);
    } catch {
      if (mine === asked) close(); // offline or signed out: the textarea still works
    }
  }

  function choose(index) {
    const member = members[index];
    const typed = typing(area);
    close();
    if (!member || !typed) return;
    const text = `@${member.handle} `;
    const caret = typed.start + text.length;
    replace(area, typed.start, typed.end, text, caret, caret);
    warn();
  }

  /** The warning: who is mentioned but cannot read the category (said once per change). */
  function warn() {
    if (!warning) return;
    const names = mentionedHandles(area.value)
      .map((key) => known.get(key))
      .filter((member) => member && !member.can_read)
      .map((member) => member.name);
    let text = "";
    if (names.length === 1) text = warning.dataset.textOne.replace("{name}", names[0]);
    else if (names.length > 1) text = warning.dataset.textMany.replace("{names}", names.join(", "));
    if (warning.textContent !== text) warning.textContent = text;
  }

  /** Ask about the handles typed without the list (or restored), then warn. */
  async function check() {
    const unknown = mentionedHandles(area.value).filter(
      (key) => !known.has(key) && !looked.has(key)
    );
    unknown.forEach((key) => looked.add(key));
    await Promise.all(unknown.map((key) => ask(key).catch(() => looked.delete(key))));
    warn();
  }

  area.addEventListener("input", () => {
    clearTimeout(askTimer);
    askTimer = setTimeout(suggest, ASK_AFTER_MS);
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, CHECK_AFTER_MS);
  });
  area.addEventListener("keydown", (event) => {
    if (list.hidden || event.isComposing) return;
    const count = members.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      select(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
    } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  // The caret moved away from the "@…" being typed (a click, Home, the arrows): close.
  const away = () => {
    if (!list.hidden && !typing(area)) close();
  };
  area.addEventListener("click", away);
  area.addEventListener("keyup", away);
  area.addEventListener("blur", close);
  if (area.value.includes("@")) check(); // a restored draft, a quote
}
