// The composer of a Markdown textarea: a toolbar (bold, italic, link, list, quote, code) that
// puts Markdown around the selection, Ctrl+B / Ctrl+I in the text, and on wide screens a live
// preview beside the text, rendered by the server (the one text gate), never here.
//
// The markup is the page's ([data-composer]: a hidden [data-composer-toolbar] of buttons with
// data-format, the textarea, a hidden [data-composer-preview] with its texts in data-text-*);
// this module shows what works with JavaScript. Text goes in through the browser's editing
// command, so undo works and an `input` event follows (drafts keep what the toolbar wrote).
import { fetchJson } from "./fetch-json.js";

const WIDE = "(min-width: 900px)";
const PREVIEW_AFTER_MS = 400;
const URL_PLACEHOLDER = "https://";

/** Put `text` in place of the textarea's characters `start`..`end`, then select `from`..`to`. */
export function replace(area, start, end, text, from, to) {
  area.focus();
  area.setSelectionRange(start, end);
  // execCommand keeps the browser's undo history and fires `input`; setRangeText is the fallback.
  if (!document.execCommand || !document.execCommand("insertText", false, text)) {
    area.setRangeText(text, start, end, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }
  area.setSelectionRange(from, to);
}

/** How many `char` in a row in `text` from `at` on (backwards when `step` is -1). */
function run(text, at, char, step = 1) {
  let count = 0;
  for (let i = at; i >= 0 && i < text.length && text[i] === char; i += step) count += 1;
  return count;
}

/** `marker` around the selection (`**`, `*`, `` ` ``), or taken away when it is already there. */
function wrap(area, marker) {
  const { value, selectionStart: start, selectionEnd: end } = area;
  const selected = value.slice(start, end);
  const size = marker.length;
  const char = marker[0];
  // A run of three asterisks is bold and italic; `*` beside `**` is part of the bold.
  const marks = (count) => count === size || (char === "*" && count === 3);
  if (selected && marks(run(value, start - 1, char, -1)) && marks(run(value, end, char))) {
    replace(area, start - size, end + size, selected, start - size, end - size);
    return;
  }
  const last = selected.length - 1;
  if (
    selected.length > 2 * size &&
    marks(run(selected, 0, char)) &&
    marks(run(selected, last, char, -1))
  ) {
    const plain = selected.slice(size, -size);
    replace(area, start, end, plain, start, start + plain.length);
    return;
  }
  // Spaces selected with a word stay outside the markers (`** word**` is not bold).
  const word = selected.trim();
  const lead = word ? selected.indexOf(word) : selected.length;
  const text = `${selected.slice(0, lead)}${marker}${word}${marker}${selected.slice(lead + word.length)}`;
  const from = start + lead + size;
  replace(area, start, end, text, from, from + word.length);
}

/** Every line touched by the selection starts with `prefix`, or loses it when all had it. */
function prefixLines(area, prefix, { skipBlank }) {
  const { value, selectionStart, selectionEnd } = area;
  const start = value.lastIndexOf("\n", selectionStart - 1) + 1;
  let end = value.indexOf("\n", selectionEnd > selectionStart ? selectionEnd - 1 : selectionEnd);
  if (end === -1) end = value.length;
  const lines = value.slice(start, end).split("\n");
  const counted = lines.filter((line) => !(skipBlank && line.trim() === ""));
  const undo = counted.length > 0 && counted.every((line) => line.startsWith(prefix));
  const changed = lines.map((line) => {
    if (skipBlank && line.trim() === "") return line;
    if (undo) return line.slice(prefix.length);
    return line.trim() === "" ? prefix.trimEnd() : prefix + line;
  });
  // A list or quote needs a blank line before it when it follows a paragraph.
  const needsGap = !undo && start > 1 && value[start - 2] !== "\n" && value[start - 1] === "\n";
  const text = (needsGap ? "\n" : "") + changed.join("\n");
  const from = start + (needsGap ? 1 : 0);
  replace(area, start, end, text, from, start + text.length);
}

function link(area) {
  const { value, selectionStart: start, selectionEnd: end } = area;
  const selected = value.slice(start, end).trim();
  if (/^https?:\/\/\S+$/.test(selected)) {
    replace(area, start, end, `[](${selected})`, start + 1, start + 1);
    return;
  }
  const text = `[${selected}](${URL_PLACEHOLDER})`;
  if (!selected) {
    replace(area, start, end, text, start + 1, start + 1);
    return;
  }
  const url = start + selected.length + 3;
  replace(area, start, end, text, url, url + URL_PLACEHOLDER.length);
}

function code(area) {
  const { value, selectionStart: start, selectionEnd: end } = area;
  const selected = value.slice(start, end);
  if (!selected.includes("\n")) {
    wrap(area, "`");
    return;
  }
  const open = start === 0 || value[start - 1] === "\n" ? "```\n" : "\n```\n";
  const close = end === value.length || value[end] === "\n" ? "\n```" : "\n```\n";
  const text = open + selected.replace(/\n$/, "") + close;
  const from = start + open.length;
  replace(area, start, end, text, from, from + selected.replace(/\n$/, "").length);
}

const FORMATS = {
  bold: (area) => wrap(area, "**"),
  italic: (area) => wrap(area, "*"),
  link,
  list: (area) => prefixLines(area, "- ", { skipBlank: true }),
  quote: (area) => prefixLines(area, "> ", { skipBlank: false }),
  code,
};

const SHORTCUTS = { b: "bold", i: "italic" };

/** The toolbar: one tab stop, arrow keys (and Home/End) move between its buttons. */
function setUpToolbar(toolbar, area) {
  const buttons = [...toolbar.querySelectorAll("button[data-format]")];
  buttons.forEach((button, index) => {
    button.tabIndex = index === 0 ? 0 : -1;
    button.addEventListener("click", () => {
      FORMATS[button.dataset.format]?.(area);
    });
    button.addEventListener("focus", () => {
      buttons.forEach((other) => {
        other.tabIndex = other === button ? 0 : -1;
      });
    });
  });
  toolbar.addEventListener("keydown", (event) => {
    const index = buttons.indexOf(document.activeElement);
    if (index === -1) return;
    const rtl = getComputedStyle(toolbar).direction === "rtl";
    const moves = {
      ArrowRight: rtl ? -1 : 1,
      ArrowLeft: rtl ? 1 : -1,
      Home: -index,
      End: buttons.length - 1 - index,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (index + moves[event.key] + buttons.length) % buttons.length;
    buttons[next].focus();
  });
  area.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const format = SHORTCUTS[event.key.toLowerCase()];
    if (!format) return;
    event.preventDefault();
    FORMATS[format](area);
  });
  toolbar.hidden = false;
}

/**
 * The live preview of `area` in `pane` while the screen is wide: the text is sent to
 * `url` (the forums preview endpoint: {body} in, {html} out, sanitized by the server's text
 * gate) once typing pauses; the answer that arrives for older text is dropped.
 */
function setUpLivePreview(pane, area, url, composer) {
  const body = pane.querySelector("[data-composer-preview-body]");
  const status = pane.querySelector("[data-composer-preview-status]");
  const wide = window.matchMedia(WIDE);
  let timer = null;
  let asked = 0;
  let shown = null;

  function showText(text, muted) {
    body.textContent = "";
    const line = document.createElement("p");
    line.textContent = text;
    if (muted) line.className = "muted";
    body.append(line);
  }

  async function render() {
    timer = null;
    const text = area.value;
    if (text === shown) return;
    const mine = ++asked;
    if (!text.trim()) {
      shown = text;
      showText(pane.dataset.textEmpty, true);
      status.textContent = "";
      return;
    }
    try {
      const result = await fetchJson(url, { method: "POST", form: { body: text } });
      if (mine !== asked) return;
      shown = text;
      // Sanitized by the server (text.py), exactly as the post would be stored.
      body.innerHTML = result.html;
      status.textContent = "";
    } catch (error) {
      if (mine !== asked) return;
      shown = null;
      status.textContent = error.code ? error.message : pane.dataset.textOffline;
    }
  }

  function later() {
    if (!wide.matches) return;
    clearTimeout(timer);
    timer = setTimeout(render, PREVIEW_AFTER_MS);
  }

  function fit() {
    pane.hidden = !wide.matches;
    composer.classList.toggle("composer-split", wide.matches);
    if (wide.matches) render();
    else clearTimeout(timer);
  }

  area.addEventListener("input", later);
  wide.addEventListener("change", fit);
  fit();
}

/** Set up the composer of `form` ([data-composer] inside; data-preview-url on the form). */
export function setUpComposer(form) {
  const composer = form.querySelector("[data-composer]");
  const area = composer?.querySelector("textarea");
  if (!composer || !area) return;
  const toolbar = composer.querySelector("[data-composer-toolbar]");
  if (toolbar) setUpToolbar(toolbar, area);
  const pane = composer.querySelector("[data-composer-preview]");
  if (pane && form.dataset.previewUrl) setUpLivePreview(pane, area, form.dataset.previewUrl, composer);
}
