// The library's pages: the uploader of the "Add material" form (one request per file, with
// progress, time left, cancel and a message per refused file) and the PDF preview of an
// item's page (PDF.js, loaded only there). An enhancement only: the form works as a plain
// multipart form and every file can be downloaded without JavaScript.
import { setUpKindPanels, setUpUpload } from "./library/upload.js";
import { setUpPdfPreview } from "./library/pdf-preview.js";

document.querySelectorAll("form[data-library-upload]").forEach((form) => {
  setUpKindPanels(form);
  setUpUpload(form);
});
document.querySelectorAll("[data-pdf-preview]").forEach((box) => {
  setUpPdfPreview(box);
});
