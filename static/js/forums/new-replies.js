// The floating "N new replies" bar of a topic page: live replies that arrive out of the
// reader's sight are counted in a bar fixed at the bottom of the screen; pressing it scrolls
// to the first of them (and moves the focus there). A reply counts as seen once it is on
// screen. On an earlier page the replies are not shown: the bar leads to the newest instead.
// Posts are found by number when needed: the live layer may replace a post's element.
// Its texts: data-text-one and data-text-other of the button ({n}: the number).

const onScreen = (element) => {
  const box = element.getBoundingClientRect();
  return box.top < window.innerHeight && box.bottom > 0;
};

/**
 * Set up the bar's `button` ([data-new-replies-button]) for the posts of `root`; `newestUrl`
 * is where the newest replies are when they are not on this page. Returns {add(element)},
 * to call for each new reply.
 */
export function setUpNewReplies(button, root, newestUrl) {
  if (!button) return { add() {} };
  const plural = new Intl.PluralRules(document.documentElement.lang || "el");
  let pending = []; // numbers of new replies on this page not seen yet, in order
  let elsewhere = 0; // new replies on later pages
  const postOf = (number) => root.querySelector(`[data-post-id][data-number="${number}"]`);

  function show() {
    const count = pending.length + elsewhere;
    button.hidden = count === 0;
    const texts = button.dataset;
    const pattern = plural.select(count) === "one" ? texts.textOne : texts.textOther;
    button.textContent = pattern.replace("{n}", String(count));
  }

  function dropSeen() {
    const before = pending.length;
    pending = pending.filter((number) => {
      const post = postOf(number);
      return post && !onScreen(post);
    });
    if (pending.length !== before) show();
  }

  let scheduled = false;
  window.addEventListener(
    "scroll",
    () => {
      if (scheduled || !pending.length) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        dropSeen();
      });
    },
    { passive: true }
  );

  button.addEventListener("click", () => {
    const first = pending.length ? postOf(pending[0]) : null;
    if (!first) {
      if (elsewhere) window.location.assign(newestUrl);
      return;
    }
    first.setAttribute("tabindex", "-1");
    first.scrollIntoView({ block: "start" });
    first.focus({ preventScroll: true });
    pending = [];
    show();
  });

  return {
    add(element) {
      const number = Number(element.dataset.number);
      if (!element.isConnected) elsewhere += 1;
      else if (!onScreen(element) && !pending.includes(number)) {
        pending.push(number);
        pending.sort((a, b) => a - b);
      }
      show();
    },
  };
}
