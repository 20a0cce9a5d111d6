// Mediator Portal: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Collapsible navigation on narrow screens.
  var toggle = document.querySelector(".nav-toggle");
  var links = document.getElementById("nav-links");
  if (toggle && links) {
    toggle.hidden = false;
    document.documentElement.classList.add("js");
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", String(open));
      links.classList.toggle("open", open);
    };
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    // Escape closes the open menu and puts the focus back on its button.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Signing out forgets the forum drafts this tab kept (sessionStorage): computers are shared.
  document.addEventListener("submit", function (event) {
    if (!event.target.matches('form[action$="/auth/logout"]')) return;
    try {
      for (var i = window.sessionStorage.length - 1; i >= 0; i -= 1) {
        var key = window.sessionStorage.key(i);
        if (key && key.indexOf("forum-draft:") === 0) window.sessionStorage.removeItem(key);
      }
    } catch (error) {
      /* storage disabled: nothing was kept */
    }
  });

  // Real-time connection for signed-in people (features listen on window.portalSocket).
  if (document.body.dataset.socket === "on" && window.io) {
    var socket = window.io({ transports: ["websocket", "polling"] });
    // Signing out from this page: its own navigation to the login page must not be
    // cut short by the reload below (that would lose the "signed out" message).
    var signingOut = false;
    document.addEventListener("submit", function (event) {
      if (event.target.matches('form[action$="/auth/logout"]')) signingOut = true;
    });
    socket.on("session_ended", function () {
      socket.disconnect();
      if (!signingOut) window.location.reload();
    });
    window.portalSocket = socket;
    document.dispatchEvent(new CustomEvent("portal:socket", { detail: socket }));
  }
})();
