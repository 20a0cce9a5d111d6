// The floating "N new replies" bar of a topic page: live replies that arrive below where the
// reader is are counted in a bar fixed at the bottom of the screen; pressing it scrolls to the
// first of them (and moves the focus there). A reply counts as seen once it is on screen.
// On an earlier page, the replies are not shown here: the bar leads to the newest instead.
// Its texts: data-text-one and data-text-other of the button ({n}: the number).

/**
 * Set up the bar's `button` ([data-new-replies-button]); `newestUrl` is where the newest
 * replies are when they are not on this page. Returns {add(element)} for each new reply.
 */
export function setUpNewReplies(button, newestUrl) {
  if (!button) return { add() {} };
  const plural = new Intl.PluralRules(document.documentElement.lang || "el");
  const pending = []; // new replies not seen yet, oldest first
  let elsewhere = 0; // new replies on later pages

  function show() {
    const count = pending.length + elsewhere;
    button.hidden = count === 0;
    const texts = button.dataset;
    const pattern = plural.select(count) === "one" ? texts.textOne : texts.textOther;
    button.textContent = pattern.replace("{n}", String(count));
  }

  const seen = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const index = pending.indexOf(entry.target);
      if (index >= 0) pending.splice(index, 1);
      seen.unobserve(entry.target);
    }
    show();
  });

  button.addEventListener("click", () => {
    if (!pending.length && elsewhere) {
      window.location.assign(newestUrl);
      return;
    }
    const first = pending[0];
    if (!first) return;
    first.setAttribute("tabindex", "-1");
    first.scrollIntoView({ block: "start" });
    first.focus({ preventScroll: true });
    pending.length = 0;
    show();
  });

  return {
    add(element) {
      if (!element.isConnected) {
        elsewhere += 1;
      } else {
        pending.push(element);
        seen.observe(element);
      }
      show();
    },
  };
}
