// Message board, live part: new/edited/hidden posts, "X is writing…", category activity.
// An enhancement only: every page works without it. Configuration and every text shown
// come from data-* attributes rendered by the templates (the CSP forbids inline script).
(function () {
  "use strict";

  var TYPING_EVERY_MS = 2500; // emit "typing" at most this often
  var TYPING_SHOWN_MS = 5000; // hide "X is writing…" this long after the last event
  var REJOIN_WITHIN_MS = 1000; // "rejoin": join again after a random delay up to this

  // The server empties a room when who may read it changes and says "rejoin"; every page
  // joins again (the join is checked anew), spread out so as not to arrive all at once.
  function onRejoin(socket, join) {
    socket.on("rejoin", function () {
      setTimeout(join, 100 + Math.random() * REJOIN_WITHIN_MS);
    });
  }

  function onSocket(callback) {
    if (window.portalSocket) {
      callback(window.portalSocket);
    } else {
      document.addEventListener("portal:socket", function (event) {
        callback(event.detail);
      });
    }
  }

  var POST = "[data-post-id][data-number]";

  function postAt(n) {
    return '[data-post-id][data-number="' + n + '"]';
  }

  // Replace `old` by `fresh`, keeping keyboard focus on the same control (e.g. a reaction).
  function swap(old, fresh) {
    var active = document.activeElement;
    var index = -1;
    var controls = "a[href], button, input, textarea, select";
    if (active && old.contains(active)) {
      index = Array.prototype.indexOf.call(old.querySelectorAll(controls), active);
    }
    old.replaceWith(fresh);
    if (index >= 0) {
      var same = fresh.querySelectorAll(controls)[index];
      if (same) same.focus();
    }
  }

  function number(value) {
    var parsed = parseInt(value, 10);
    return isNaN(parsed) ? 0 : parsed;
  }

  function fromHtml(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  // Put `text` and, optionally, a link into a polite live region.
  function announce(region, text, linkText, linkHref) {
    if (!region) return;
    region.textContent = text;
    if (linkText && linkHref) {
      var link = document.createElement("a");
      link.href = linkHref;
      link.textContent = linkText;
      region.appendChild(document.createTextNode(" "));
      region.appendChild(link);
    }
    region.hidden = false;
  }

  // ---- Topic page --------------------------------------------------------------------------
  function setUpTopic(root, socket) {
    var topicId = number(root.dataset.topicId);
    var myId = number(root.dataset.userId);
    var list = root; // the posts container carries the configuration
    var notice = document.querySelector("[data-text-new-replies]");
    var typingNotice = document.querySelector("[data-typing-notice]");
    var onLastPage = root.dataset.page === root.dataset.pages;
    var lastSeen = number(root.dataset.lastNumber);
    var wasDisconnected = false;
    var busy = Promise.resolve();

    function posts() {
      return list ? list.querySelectorAll(POST) : [];
    }

    function place(element) {
      var n = number(element.dataset.number);
      var existing = list.querySelector(postAt(n));
      if (existing) {
        swap(existing, element);
        return;
      }
      if (!onLastPage) return; // later posts belong to later pages
      var all = posts();
      for (var i = 0; i < all.length; i += 1) {
        if (number(all[i].dataset.number) > n) {
          all[i].before(element);
          return;
        }
      }
      list.appendChild(element);
    }

    // Fetch rendered posts (the viewer's own permissions apply on the server) and place them.
    function load(query) {
      busy = busy.then(function () {
        var mark = onLastPage ? "&mark=1" : ""; // what is shown counts as read
        return fetch(root.dataset.postsUrl + "?" + query + mark, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
          .then(function (response) {
            return response.ok ? response.json() : { posts: [] };
          })
          .then(function (data) {
            var added = false;
            (data.posts || []).forEach(function (item) {
              var element = fromHtml(item.html);
              if (!element) return;
              var isNew = !list.querySelector(postAt(item.number));
              place(element);
              if (isNew && item.number > lastSeen) {
                added = true;
                lastSeen = item.number;
                stopWriting(element.dataset.authorId); // their reply is here: no longer writing
              }
            });
            if (added && !onLastPage) {
              announce(notice, notice.dataset.textNewReplies, notice.dataset.textShow, root.dataset.newestUrl);
            }
          })
          .catch(function () {
            /* offline: the next reconnect catches up */
          });
      });
      return busy;
    }

    function shownRange() {
      var all = posts();
      return all.length ? number(all[0].dataset.number) - 1 : lastSeen;
    }

    function join() {
      socket.emit("join_topic", { topic_id: topicId, after_number: lastSeen }, function (ack) {
        if (ack && ack.error === "not_found") {
          // Hidden or moved out of the person's reach since the page was loaded.
          root.dataset.live = "closed";
          announce(notice, notice.dataset.textUnavailable);
          return;
        }
        if (!ack || !ack.ok) return;
        root.dataset.live = "joined"; // for people's tools and the browser tests
        if (ack.complete === false) {
          // Too much was missed to catch up here: offer the newest page instead.
          announce(notice, notice.dataset.textNewReplies, notice.dataset.textShow, root.dataset.newestUrl);
        }
        if (wasDisconnected) {
          // Re-render what is shown (edits and hides we missed) and add what is new.
          wasDisconnected = false;
          load("after=" + shownRange());
        } else if (ack.missed && ack.missed.length) {
          load("after=" + lastSeen);
        }
      });
    }

    socket.on("connect", join);
    onRejoin(socket, join);
    socket.on("disconnect", function () {
      wasDisconnected = true;
      root.dataset.live = "lost";
    });
    if (socket.connected) join();

    function forThisTopic(handler) {
      return function (data) {
        if (data && data.topic_id === topicId) handler(data);
      };
    }

    socket.on(
      "post_created",
      forThisTopic(function (data) {
        if (data.number > lastSeen) load("after=" + lastSeen);
      })
    );
    ["post_edited", "post_hidden", "post_deleted", "reactions_changed"].forEach(function (name) {
      socket.on(
        name,
        forThisTopic(function (data) {
          if (list && list.querySelector('[data-post-id="' + data.post_id + '"]')) {
            load("number=" + data.number);
          }
        })
      );
    });

    // "X is writing…"
    var writers = {};
    function stopWriting(userId) {
      var writer = writers[userId];
      if (!writer) return;
      clearTimeout(writer.timer);
      delete writers[userId];
      showWriters();
    }
    function showWriters() {
      if (!typingNotice) return;
      var names = Object.keys(writers).map(function (id) {
        return writers[id].name;
      });
      if (!names.length) {
        typingNotice.textContent = "";
        return;
      }
      var texts = typingNotice.dataset;
      var pattern = names.length === 1 ? texts.textWriting : texts.textWritingMany;
      typingNotice.textContent = pattern.replace("{name}", names.join(", "));
    }
    socket.on(
      "typing",
      forThisTopic(function (data) {
        if (data.user_id === myId || typeof data.name !== "string") return;
        var writer = writers[data.user_id] || { name: data.name };
        clearTimeout(writer.timer);
        writer.timer = setTimeout(function () {
          delete writers[data.user_id];
          showWriters();
        }, TYPING_SHOWN_MS);
        writers[data.user_id] = writer;
        showWriters();
      })
    );
    socket.on("disconnect", function () {
      Object.keys(writers).forEach(function (id) {
        clearTimeout(writers[id].timer);
      });
      writers = {};
      showWriters();
    });

    var reply = document.querySelector("form[data-topic-last] textarea[name=body]");
    var lastTyping = 0;
    if (reply) {
      reply.addEventListener("input", function () {
        var now = Date.now();
        if (now - lastTyping < TYPING_EVERY_MS || !socket.connected) return;
        lastTyping = now;
        socket.emit("typing", { topic_id: topicId });
      });
    }
  }

  // ---- Category list and category page -------------------------------------------------------
  // `notice` is the page's polite status line; it carries the texts and, on a category page,
  // the category's id. Rows get a "New activity" badge; the notice offers a reload.
  function setUpActivity(notice, socket) {
    var onlyCategory = number(notice.dataset.categoryId);

    function join() {
      socket.emit("join_category_list", {}, function (ack) {
        if (ack && ack.ok) notice.dataset.live = "joined";
      });
    }
    socket.on("connect", join);
    onRejoin(socket, join);
    if (socket.connected) join();

    socket.on("topic_activity", function (data) {
      if (!data || (onlyCategory && data.category_id !== onlyCategory)) return;
      var row = onlyCategory
        ? document.querySelector('#topics li[data-topic-id="' + number(data.topic_id) + '"]')
        : document.querySelector('#categories li[data-category-id="' + number(data.category_id) + '"]');
      if (row && !row.querySelector("[data-activity-badge]")) {
        var badge = document.createElement("span");
        badge.className = "badge new activity";
        badge.setAttribute("data-activity-badge", "");
        badge.textContent = notice.dataset.textBadge;
        (row.querySelector("h2, .topic-main") || row).appendChild(badge);
      }
      if (row) row.classList.add("has-activity");
      announce(notice, notice.dataset.textActivity, notice.dataset.textReload, window.location.href);
    });
  }

  onSocket(function (socket) {
    var topic = document.querySelector("[data-live-topic]");
    if (topic) setUpTopic(topic, socket);
    var activity = document.querySelector("[data-live-activity]");
    if (activity) setUpActivity(activity, socket);
  });
})();
