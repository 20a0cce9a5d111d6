// Relative times kept fresh: every <time data-relative> (mediator_portal/relative_time.py)
// is told again each half minute with the server's rules ("3 minutes ago", "yesterday 14:05",
// then the fixed Athens date kept in its title). The words come from the data-text-* attributes
// of `texts` ({n} and {time} are placeholders); without JavaScript the server's text stays.
const ZONE = "Europe/Athens";
const EVERY_MS = 30000;

const dayOf = new Intl.DateTimeFormat("en-CA", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const clockOf = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function dayBefore(isoDay) {
  const [year, month, day] = isoDay.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

/** The text for `moment` at `now` (both Dates), or null to keep the absolute one. */
export function relativeText(moment, now, texts, plural) {
  const age = (now - moment) / 1000;
  const count = (n, one, other) =>
    (plural.select(n) === "one" ? one : other).replace("{n}", String(n));
  if (age < 60) return texts.textNow;
  if (age < 3600) return count(Math.floor(age / 60), texts.textMinuteOne, texts.textMinuteOther);
  const day = dayOf.format(moment);
  const today = dayOf.format(now);
  if (day === today) return count(Math.floor(age / 3600), texts.textHourOne, texts.textHourOther);
  if (day === dayBefore(today)) return texts.textYesterday.replace("{time}", clockOf.format(moment));
  return null;
}

/** Refresh the relative times of the page now and every half minute. */
export function setUpRelativeTimes(texts) {
  if (!texts) return;
  const words = texts.dataset;
  const plural = new Intl.PluralRules(document.documentElement.lang || "el");
  const refresh = () => {
    const now = new Date();
    for (const time of document.querySelectorAll("time[data-relative]")) {
      const moment = new Date(time.getAttribute("datetime"));
      if (Number.isNaN(moment.getTime())) continue;
      const shown = time.querySelector(".time-relative");
      const text = relativeText(moment, now, words, plural) ?? time.title;
      if (shown && text && shown.textContent !== text) shown.textContent = text;
    }
  };
  refresh();
  setInterval(refresh, EVERY_MS);
}
