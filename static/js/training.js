// The training pages: similar proposals suggested while a title is typed. An enhancement
// only: every page works without it. Addresses and texts come from data-* attributes.
import { setUpSimilar } from "./training/similar.js";

setUpSimilar(
  document.querySelector("input[data-similar-url]"),
  document.querySelector("#similar-proposals"),
);
