// The "Add material" form's uploader: drag and drop or the file picker, then one request per
// file to the form's JSON endpoint (data-upload-url) with the form's other fields, each with
// a <progress> bar, its percent and time left, and a Cancel button (the request is aborted).
// A refused file (the server's 400/413 JSON message) is reported on its row while the others
// go on. Texts come from the form's data-text-* attributes.
import { csrfToken } from "../core/fetch-json.js";

const PARALLEL = 2; // files sent at once: more only slows each on a phone's connection

function fill(text, values) {
  return Object.entries(values).reduce(
    (out, [name, value]) => out.replace(`{${name}}`, value),
    text
  );
}

function timeLeft(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return "";
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  return `${Math.ceil(seconds / 60)} min`;
}

/** Show the fields of the chosen kind only (files or link); all are shown without JS. */
export function setUpKindPanels(form) {
  const radios = form.querySelectorAll('input[name="kind"]');
  const update = () => {
    const chosen = form.querySelector('input[name="kind"]:checked');
    form.querySelectorAll("[data-kind-panel]").forEach((panel) => {
      panel.hidden = Boolean(chosen) && panel.dataset.kindPanel !== chosen.value;
    });
  };
  radios.forEach((radio) => radio.addEventListener("change", update));
  update();
}

function row(list, file, texts) {
  const item = document.createElement("div");
  item.className = "upload-row";
  const name = document.createElement("p");
  name.className = "upload-name";
  name.dir = "auto";
  name.textContent = file.name;
  const bar = document.createElement("progress");
  bar.max = 100;
  bar.value = 0;
  bar.setAttribute("aria-label", file.name);
  const state = document.createElement("p");
  state.className = "upload-state";
  state.textContent = texts.uploading;
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "govgr-btn govgr-btn-secondary btn-small upload-cancel";
  cancel.textContent = texts.cancel;
  item.append(name, bar, state, cancel);
  list.append(item);
  return { item, bar, state, cancel };
}

// Said to screen readers once per file, when it is done (the percentages are not).
let announcer = null;

function finish(parts, kind, text) {
  parts.item.classList.add(`upload-${kind}`);
  parts.state.textContent = text;
  parts.cancel.remove();
  if (announcer) {
    announcer.textContent = `${parts.item.querySelector(".upload-name").textContent}: ${text}`;
  }
}

const VIDEO = /\.(mp4|webm)$/i;

/** The refusal of a file larger than the server takes (said before sending it), or "". */
function tooLarge(form, file, texts) {
  const video = VIDEO.test(file.name);
  const limit = Number(video ? form.dataset.maxVideoBytes : form.dataset.maxBytes);
  if (!limit || file.size <= limit) return "";
  return fill(texts.tooLarge, { size: Math.max(Math.floor(limit / (1024 * 1024)), 1) });
}

function send(form, file, parts, texts, several) {
  const refusal = tooLarge(form, file, texts);
  if (refusal) {
    finish(parts, "refused", `${texts.refused}: ${refusal}`);
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const data = new FormData(form);
    data.delete("files");
    data.delete("csrf_token");
    data.set("kind", "file");
    if (several) data.set("title", "");
    data.append("files", file, file.name);
    const request = new XMLHttpRequest();
    const started = performance.now();
    request.open("POST", form.dataset.uploadUrl);
    request.setRequestHeader("X-CSRFToken", csrfToken());
    request.setRequestHeader("Accept", "application/json");
    request.responseType = "json";
    request.upload.addEventListener("progress", (event) => {
      if (!event.lengthComputable) return;
      const percent = Math.floor((event.loaded / event.total) * 100);
      const elapsed = (performance.now() - started) / 1000;
      const rate = event.loaded / Math.max(elapsed, 0.001);
      const left = timeLeft((event.total - event.loaded) / rate);
      parts.bar.value = percent;
      const remaining = left ? ` · ${fill(texts.left, { time: left })}` : "";
      parts.state.textContent = `${percent}%${remaining}`;
    });
    request.addEventListener("load", () => {
      const answer = request.response || {};
      if (request.status === 201) {
        parts.bar.value = 100;
        finish(parts, "done", `${texts.done}: `);
        const link = document.createElement("a");
        link.className = "govgr-link";
        link.href = answer.url;
        link.textContent = answer.title || texts.open;
        link.dir = "auto";
        parts.state.append(link);
        resolve(true);
      } else {
        finish(parts, "refused", `${texts.refused}: ${answer.message || `HTTP ${request.status}`}`);
        resolve(false);
      }
    });
    request.addEventListener("error", () => {
      finish(parts, "refused", texts.offline);
      resolve(false);
    });
    request.addEventListener("abort", () => {
      finish(parts, "cancelled", texts.cancelled);
      resolve(false);
    });
    parts.cancel.addEventListener("click", () => request.abort());
    request.send(data);
  });
}

async function uploadAll(form, files, list, texts) {
  list.replaceChildren();
  const summary = document.createElement("p");
  summary.className = "upload-summary";
  summary.setAttribute("role", "status");
  const queue = files.map((file) => ({ file, parts: row(list, file, texts) }));
  list.append(summary);
  let added = 0;
  const worker = async () => {
    while (queue.length) {
      const { file, parts } = queue.shift();
      if (await send(form, file, parts, texts, files.length > 1)) added += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, files.length) }, worker));
  summary.textContent = fill(texts.summary, { done: added, total: files.length });
}

/** Make `form` upload its files one request each, with progress, when JS runs. */
export function setUpUpload(form) {
  const input = form.querySelector('input[type="file"][name="files"]');
  const list = form.querySelector("[data-upload-list]");
  if (!input || !list || !window.FormData || !window.XMLHttpRequest) return;
  announcer = form.querySelector("[data-upload-announce]");
  const d = form.dataset;
  const texts = {
    uploading: d.textUploading,
    done: d.textDone,
    refused: d.textRefused,
    cancel: d.textCancel,
    cancelled: d.textCancelled,
    offline: d.textOffline,
    left: d.textLeft,
    open: d.textOpen,
    summary: d.textSummary,
    tooLarge: d.textTooLarge,
  };
  let dropped = [];
  const zone = input.closest("[data-kind-panel]") || form;
  const hint = document.createElement("p");
  hint.className = "upload-drop-hint muted";
  hint.textContent = d.textDrop;
  input.before(hint);
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("is-dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("is-dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("is-dragging");
    dropped = Array.from(event.dataTransfer.files);
    try {
      input.files = event.dataTransfer.files; // shown by the picker too
      dropped = [];
    } catch {
      // an older browser: the dropped files are kept aside
    }
  });
  form.addEventListener("submit", (event) => {
    const kind = form.querySelector('input[name="kind"]:checked');
    const files = dropped.length ? dropped : Array.from(input.files);
    if ((kind && kind.value !== "file") || !files.length) return; // the plain form
    event.preventDefault();
    uploadAll(form, files, list, texts);
  });
}
