// Message board, writing part: drafts kept on the server and in this tab, preview, reactions.
// An enhancement only: the forms post normally without it. Texts come from data-* attributes.
//
// A reply or new topic is saved to the server (the author's draft) a few seconds after each
// change, and on every input into sessionStorage (never localStorage: computers in community
// centres are shared; app.js clears these keys at sign-out). When the server cannot be reached
// or the session has ended, the text stays in this tab and comes back after signing in again.
(function () {
  "use strict";

  var PREFIX = "forum-draft:";
  var SAVE_AFTER_MS = 3000;

  function read(key) {
    try {
      return JSON.parse(window.sessionStorage.getItem(PREFIX + key) || "null");
    } catch (error) {
      return null;
    }
  }

  function write(key, entry) {
    try {
      window.sessionStorage.setItem(PREFIX + key, JSON.stringify(entry));
    } catch (error) {
      /* storage full or disabled: the server draft still works */
    }
  }

  function remove(key) {
    try {
      window.sessionStorage.removeItem(PREFIX + key);
    } catch (error) {
      /* nothing to clear */
    }
  }

  function storedKeys() {
    var keys = [];
    try {
      for (var i = 0; i < window.sessionStorage.length; i += 1) {
        var name = window.sessionStorage.key(i);
        if (name && name.indexOf(PREFIX) === 0) keys.push(name.slice(PREFIX.length));
      }
    } catch (error) {
      /* no storage */
    }
    return keys;
  }

  function onSocket(callback) {
    if (window.portalSocket) callback(window.portalSocket);
    else {
      document.addEventListener("portal:socket", function (event) {
        callback(event.detail);
      });
    }
  }

  function serverTime(value) {
    if (!value) return 0;
    // Naive ISO times from the server are UTC.
    var text = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : value + "Z";
    return Date.parse(text) || 0;
  }

  function csrfToken(form) {
    var input = form.querySelector('input[name="csrf_token"]');
    return input ? input.value : "";
  }

  function say(region, text) {
    if (!region) return;
    region.textContent = text || "";
  }

  function squash(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  // ---- A post that was sent: once it is on the page, its draft in this tab is done. ----------
  function forgetPosted() {
    var topic = document.querySelector("[data-live-topic]");
    if (!topic) return;
    var me = topic.dataset.userId;
    storedKeys().forEach(function (key) {
      var entry = read(key);
      if (!entry || !entry.submitted) return;
      var posted = false;
      if (key === "/forums/drafts/topic/" + topic.dataset.topicId) {
        topic.querySelectorAll('[data-author-id="' + me + '"]').forEach(function (post) {
          if (parseInt(post.dataset.number, 10) > entry.submitted.after) posted = true;
        });
      } else if (key === "/forums/drafts/category/" + topic.dataset.categoryId) {
        var first = topic.querySelector('[data-post-id][data-number="1"]');
        posted =
          !!first &&
          first.dataset.authorId === me &&
          squash(topic.dataset.topicTitle) === squash(entry.title);
      }
      if (posted) remove(key);
    });
  }

  // ---- One writing form ----------------------------------------------------------------------
  function setUpDraft(form) {
    var url = form.dataset.draftUrl;
    var key = url; // the server draft's address names the draft in this tab too
    var body = form.querySelector("textarea[name=body]");
    var title = form.querySelector("input[name=title]");
    var status = form.querySelector("[data-draft-status]");
    var me = form.dataset.userId;
    var timer = null;
    var sending = false;
    var problem = null; // "offline" | "expired" | null

    if (!url || !body || !status) return;

    function current() {
      return { title: title ? title.value : "", body: body.value };
    }

    function remember(synced) {
      var text = current();
      write(key, {
        user: me,
        title: text.title,
        body: text.body,
        savedAt: Date.now(),
        synced: synced,
        submitted: null,
      });
    }

    function show(kind) {
      problem = kind;
      if (kind === "offline") say(status, status.dataset.textOffline);
      else if (kind === "expired") say(status, status.dataset.textExpired);
      else say(status, "");
    }

    function send(text, keepalive) {
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        keepalive: keepalive,
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          "X-CSRFToken": csrfToken(form),
        },
        body: JSON.stringify(text),
      });
    }

    function save() {
      timer = null;
      if (sending) {
        timer = setTimeout(save, SAVE_AFTER_MS);
        return;
      }
      var text = current();
      sending = true;
      send(text, false)
        .then(function (response) {
          if (response.status === 401 || response.status === 400 || response.redirected) {
            show("expired");
          } else if (response.ok) {
            var now = current();
            if (now.body === text.body && now.title === text.title) remember(true);
            if (problem) show(null);
          }
        })
        .catch(function () {
          show("offline");
        })
        .then(function () {
          sending = false;
        });
    }

    function changed() {
      remember(false);
      if (!timer) timer = setTimeout(save, SAVE_AFTER_MS);
    }

    body.addEventListener("input", changed);
    if (title) title.addEventListener("input", changed);

    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (submitter && submitter.name === "preview") return;
      clearTimeout(timer); // a late save would bring back the draft the post removes
      timer = null;
      var entry = read(key) || {};
      var text = current();
      write(key, {
        user: me,
        title: text.title,
        body: text.body,
        savedAt: entry.savedAt || Date.now(),
        synced: false,
        submitted: { after: parseInt(form.dataset.topicLast || "0", 10) },
      });
    });

    // Leaving the page before the next save: send it now (keepalive outlives the page).
    window.addEventListener("pagehide", function () {
      if (!timer) return;
      clearTimeout(timer);
      timer = null;
      send(current(), true).catch(function () {
        /* the text is still in this tab */
      });
    });

    window.addEventListener("offline", function () {
      show("offline");
    });
    onSocket(function (socket) {
      socket.on("disconnect", function () {
        show(problem || "offline");
      });
      socket.on("connect", function () {
        if (problem !== "offline") return;
        var entry = read(key);
        if (entry && !entry.synced) save(); // clears the notice once the server has the text
        else show(null);
      });
    });

    // Restore: the server's draft (already in the form) unless this tab holds newer unsent text.
    var local = read(key);
    if (local && local.user !== me) {
      remove(key);
      local = null;
    }
    if (local && local.submitted && body.value) local.submitted = null; // re-shown with an error
    if (!local || !local.body || local.synced || local.body === body.value) return;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (server) {
        if (!server || serverTime(server.updated_at) > local.savedAt) return;
        if (body.value && body.value !== (server.body || "")) return; // typed since the load
        body.value = local.body;
        if (title && local.title) title.value = local.title;
        say(status, status.dataset.textRestored);
        changed();
      })
      .catch(function () {
        /* offline: keep what the page shows */
      });
  }

  // ---- Preview ---------------------------------------------------------------------------------
  function setUpPreview(form) {
    var button = form.querySelector('[name="preview"]');
    var output = form.querySelector("[data-preview-output]");
    var body = form.querySelector("textarea[name=body]");
    if (!button || !output || !body || !form.dataset.previewUrl) return;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var data = new FormData();
      data.append("body", body.value);
      fetch(form.dataset.previewUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken(form) },
        body: data,
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (result) {
          output.hidden = false;
          var target = output.querySelector("[data-preview-body]") || output;
          // Sanitized by the server (text.py), exactly as the post would be stored.
          if (result.html !== undefined) target.innerHTML = result.html;
          else target.textContent = result.message || "";
        })
        .catch(function () {
          var status = form.querySelector("[data-draft-status]");
          if (status) say(status, status.dataset.textOffline);
        });
    });
  }

  // ---- Reactions -------------------------------------------------------------------------------
  function setUpReactions() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches || !form.matches("form.reactions")) return;
      if (form.dataset.plain) return; // the fallback below: let the browser post it
      var submitter = event.submitter;
      event.preventDefault();
      var data = new FormData(form);
      if (submitter && submitter.name) data.set(submitter.name, submitter.value);
      fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        body: data,
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (result) {
          form.querySelectorAll("button[name=kind]").forEach(function (button) {
            var kind = button.value;
            var count = (result.counts || {})[kind] || 0;
            var mine = (result.mine || []).indexOf(kind) !== -1;
            button.setAttribute("aria-pressed", String(mine));
            var shown = button.querySelector("[data-count]");
            if (shown) {
              shown.dataset.count = String(count);
              shown.textContent = count ? String(count) : "";
            }
          });
        })
        .catch(function () {
          // Fall back to what the form does without JavaScript (a page reload).
          form.dataset.plain = "1";
          form.requestSubmit(submitter || undefined);
        });
    });
  }

  forgetPosted();
  document.querySelectorAll("form[data-draft-url]").forEach(setUpDraft);
  document.querySelectorAll("form[data-preview-url]").forEach(setUpPreview);
  setUpReactions();
})();
