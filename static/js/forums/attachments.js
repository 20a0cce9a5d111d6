// Files of a post from the composer: drag them onto the field or pick them; each is sent at
// once to the field's data-upload-url (XMLHttpRequest, for its upload progress) with a
// progress bar, its percent and a Cancel button. A file the server keeps becomes a hidden
// `attachment` input (a pending upload of this person, attached when the post is sent); a
// refused one says why. Texts come from the field's data-text-* attributes. Without
// JavaScript the file field sends the files with the form instead.
import { announce } from "../core/announce.js";
import { csrfToken } from "../core/fetch-json.js";

/** `text` with each `{name}` replaced by `values[name]`. */
function fill(text, values) {
  return Object.entries(values).reduce(
    (result, [name, value]) => result.split(`{${name}}`).join(value),
    text || ""
  );
}

/**
 * Send `file` to `url` as the form field `file`; `onProgress(percent)` while it goes.
 * Returns {promise, abort}: the promise gives the server's JSON, or fails with
 * {cancelled}, {offline} or {message} (the server's reason).
 */
export function sendFile(url, file, onProgress) {
  const request = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    request.open("POST", url);
    request.setRequestHeader("X-CSRFToken", csrfToken());
    request.setRequestHeader("Accept", "application/json");
    request.responseType = "json";
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded * 100) / event.total));
    });
    request.addEventListener("load", () => {
      const data = request.response;
      if (request.status === 201 && data) resolve(data);
      else reject({ message: data && typeof data.message === "string" ? data.message : "" });
    });
    request.addEventListener("error", () => reject({ offline: true }));
    request.addEventListener("abort", () => reject({ cancelled: true }));
    const body = new FormData();
    body.append("file", file);
    request.send(body);
  });
  return { promise, abort: () => request.abort() };
}

function button(text, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "link-button";
  element.textContent = text;
  element.addEventListener("click", onClick);
  return element;
}

/** Drag and drop, picking and uploading for one attachments field ([data-attachments]). */
export function setUpAttachments(field) {
  const input = field.querySelector('input[type="file"]');
  const list = field.querySelector("[data-attachment-list]");
  const drop = field.querySelector("[data-attachment-drop]");
  const status = field.querySelector("[data-attachment-status]");
  const form = field.closest("form");
  if (!input || !list || !field.dataset.uploadUrl) return;
  const texts = field.dataset;
  const limit = Number(texts.max) || 5;
  const uploading = new Set();
  if (drop) drop.hidden = false;

  const said = (text) => announce(status, text);
  const taken = () =>
    list.querySelectorAll("[data-attachment-item]:not(.is-failed)").length +
    field.querySelectorAll('input[name="remove_attachment"]:not(:checked)').length;

  // Files already pending (the form came back with an error) can be taken away too.
  for (const item of list.querySelectorAll("[data-attachment-item]")) {
    item.append(button(texts.textRemove, () => item.remove()));
  }

  function add(file) {
    const item = document.createElement("li");
    item.className = "attachment-upload";
    item.dataset.attachmentItem = "";
    const name = document.createElement("span");
    name.className = "attachment-name";
    name.dir = "auto";
    name.textContent = file.name;
    item.append(name);
    list.append(item);
    if (taken() > limit) {
      item.classList.add("is-failed");
      item.append(" ", texts.textTooMany, " ", button(texts.textRemove, () => item.remove()));
      said(texts.textTooMany);
      return;
    }
    const bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    const percent = document.createElement("span");
    percent.className = "attachment-percent";
    percent.textContent = "0%";
    let done = false;
    const upload = sendFile(texts.uploadUrl, file, (value) => {
      bar.value = value;
      percent.textContent = `${value}%`;
    });
    const action = button(texts.textCancel, () => (done ? item.remove() : upload.abort()));
    item.append(bar, percent, action);
    uploading.add(upload);
    upload.promise
      .then((data) => {
        const hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = "attachment";
        hidden.value = String(data.id);
        item.append(hidden);
        percent.textContent = data.size_text || "";
        said(fill(texts.textDone, { name: data.name }));
      })
      .catch((error) => {
        if (error.cancelled) {
          item.remove();
          said(fill(texts.textCancelled, { name: file.name }));
          return;
        }
        item.classList.add("is-failed");
        const reason = error.message || texts.textOffline;
        percent.textContent = fill(texts.textFailed, { name: file.name, reason });
        said(percent.textContent);
      })
      .finally(() => {
        done = true;
        uploading.delete(upload);
        bar.remove();
        action.textContent = texts.textRemove;
      });
  }

  input.addEventListener("change", () => {
    [...input.files].forEach(add);
    input.value = ""; // sent already: the form must not send them again
  });
  field.addEventListener("dragover", (event) => {
    if (!event.dataTransfer || ![...event.dataTransfer.types].includes("Files")) return;
    event.preventDefault();
    drop?.classList.add("is-over");
  });
  field.addEventListener("dragleave", () => drop?.classList.remove("is-over"));
  field.addEventListener("drop", (event) => {
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    drop?.classList.remove("is-over");
    [...event.dataTransfer.files].forEach(add);
  });
  // Captured, so that it runs before the drafts' own submit listener.
  form?.addEventListener(
    "submit",
    (event) => {
      if (uploading.size && event.submitter?.name !== "preview") {
        event.preventDefault();
        event.stopImmediatePropagation();
        said(texts.textWait);
      }
    },
    true
  );
}
