// The PDF preview of an item's page: PDF.js (static/vendor/pdfjs, from our origin, its worker
// too) draws the first pages on <canvas> elements, more on request. Nothing of the file
// becomes HTML. The library, the worker, the file and the texts come from data-* attributes.
const PAGES_AT_ONCE = 3;

function fill(text, values) {
  return Object.entries(values).reduce(
    (out, [name, value]) => out.replace(`{${name}}`, value),
    text
  );
}

async function renderPage(doc, number, box, texts) {
  const page = await doc.getPage(number);
  const width = Math.max(box.clientWidth, 280);
  const unscaled = page.getViewport({ scale: 1 });
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: (width / unscaled.width) * ratio });
  const canvas = document.createElement("canvas");
  canvas.className = "pdf-page";
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", fill(texts.page, { num: number, total: doc.numPages }));
  box.append(canvas);
  await page.render({ canvas, canvasContext: canvas.getContext("2d"), viewport }).promise;
}

export async function setUpPdfPreview(box) {
  const status = box.querySelector("[data-pdf-status]");
  const d = box.dataset;
  const texts = { page: d.textPage, more: d.textMore };
  status.textContent = d.textLoading;
  try {
    const pdfjs = await import(d.pdfLib);
    pdfjs.GlobalWorkerOptions.workerSrc = d.pdfWorker;
    const doc = await pdfjs.getDocument({
      url: d.pdfUrl,
      isEvalSupported: false,
      enableXfa: false,
      withCredentials: true,
      standardFontDataUrl: d.pdfFonts,
    }).promise;
    let shown = 0;
    const more = document.createElement("button");
    more.type = "button";
    more.className = "govgr-btn govgr-btn-secondary btn-small";
    more.textContent = texts.more;
    const showMore = async () => {
      more.remove();
      const last = Math.min(doc.numPages, shown + PAGES_AT_ONCE);
      for (let number = shown + 1; number <= last; number += 1) {
        await renderPage(doc, number, box, texts);
      }
      shown = last;
      if (shown < doc.numPages) box.append(more);
    };
    more.addEventListener("click", showMore);
    await showMore();
    status.textContent = "";
    box.dataset.pdfRendered = String(shown);
  } catch (error) {
    status.textContent = d.textFailed;
    box.dataset.pdfFailed = String(error && error.message);
  }
}
