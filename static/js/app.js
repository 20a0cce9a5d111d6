// Every page: the narrow-screen menu and, for signed-in people, the page's real-time
// connection and the sign-out clean-up. An enhancement only: every page works without it.
import { forgetDrafts } from "./core/drafts.js";
import { setUpNav } from "./core/nav.js";

setUpNav();

let signingOut = () => {};
// Signing out forgets the drafts this tab kept (computers are shared), and the page's own
// way to the login page must not be cut short by the connection's "session ended" reload.
document.querySelectorAll("form[data-sign-out]").forEach((form) => {
  form.addEventListener("submit", () => {
    forgetDrafts();
    signingOut();
  });
});

if (document.body.dataset.socket === "on") {
  // Imported only here, so that pages for anonymous visitors do not fetch the Socket.IO client.
  const socket = await import("./core/socket.js");
  signingOut = socket.signingOut;
  // For the browser tests and people's own tools (the console); no module reads it.
  window.portalSocket = socket.connection();
}
