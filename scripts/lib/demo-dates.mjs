// The demo's pages as of this month. The bundled pages were saved in past months, and a budget's pacing can only
// be known for the current period (lib/kpi/evaluate-rows.ts), so the demo — never the tests, whose fixture files
// stay as saved — serves each month-to-date page (its range starts on the 1st and stays in that month; not a
// "last month" preset) dated this month, from the 1st to yesterday (today on the 1st). Only the dates change: the
// page's URL and every rendering of the range's dates in it; its numbers stay as saved, and the extension reads
// the page as it would any other, so the pacing the demo shows is computed by the normal code.

/** How the ad managers write a day, in the languages of the bundled pages (the ISO form included). */
const FORMATS = [
  (d) => iso(d),
  intlFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' }), // Nov 1, 2026
  intlFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }), // 1 Nov 2026
  intlFormat('de-DE', { day: 'numeric', month: 'short', year: 'numeric' }), // 1. Nov. 2026
  intlFormat('vi-VN', { day: 'numeric', month: 'short', year: 'numeric' }), // 1 thg 11, 2026
  intlFormat('uk-UA', { day: 'numeric', month: 'short', year: 'numeric' }), // 1 лист. 2026 р.
  (d) => `${d.getUTCDate()} Tháng ${d.getUTCMonth() + 1}, ${d.getUTCFullYear()}`, // Meta in Vietnamese
];

/** Preset names that would no longer be true of the new range (Google's "Last 30 days" becomes a custom range). */
const PRESET_LABELS = [['>Last 30 days<', '>Custom<']];

function intlFormat(locale, options) {
  const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  return (d) => format.format(d);
}

function iso(d) {
  return d.toISOString().slice(0, 10);
}

function day(isoDate) {
  return new Date(`${isoDate}T00:00:00Z`);
}

function addDays(d, days) {
  return new Date(d.getTime() + days * 86_400_000);
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** This month so far, by the local calendar of `now`: the 1st to yesterday, or the 1st alone on the 1st. */
export function currentMonthRange(now = new Date()) {
  const today = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  const start = new Date(Date.UTC(now.getFullYear(), now.getMonth(), 1));
  const end = today.getUTCDate() === 1 ? today : addDays(today, -1);
  return { start: iso(start), end: iso(end) };
}

/** A month-to-date range: starts on a 1st, ends in the same month, and is not a "last month" page. */
export function isMonthToDate(expected) {
  const { date_start: start, date_end: end, url } = expected;
  if (!start || !end) return false;
  return start.endsWith('-01') && start.slice(0, 7) === end.slice(0, 7) && !/last_month/.test(url);
}

/**
 * Replaces whole dates only (`1 Oct 2025` is not the end of `31 Oct 2025`), all in one pass so that a date
 * already replaced is not replaced again.
 */
function replaceDates(text, pairs) {
  if (pairs.size === 0) return text;
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(${[...pairs.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|')})(?![\\p{N}])`,
    'gu',
  );
  return text.replace(pattern, (found) => pairs.get(found) ?? found);
}

/**
 * The page dated `range` instead of the range it was saved with: `{ url, html, range }`, or null when it is not a
 * month-to-date page or its dates are not found written in it (then it is served as saved).
 */
export function redatePage(page, range) {
  const { expected } = page;
  if (!isMonthToDate(expected)) return null;
  const from = { start: day(expected.date_start), end: day(expected.date_end) };
  const to = { start: day(range.start), end: day(range.end) };
  // Meta's URL form (`date=<start>_<day after the end>`) first: it also appears in the page's own notes.
  const pairs = new Map([[metaUrlRange(from), metaUrlRange(to)]]);
  for (const format of FORMATS) {
    const [a, b] = [format(from.start), format(from.end)];
    if (!page.html.includes(a)) continue;
    pairs.set(a, format(to.start));
    if (!pairs.has(b)) pairs.set(b, format(to.end));
  }
  // The page writes the range somewhere (its date picker) in a way this knows, or it is served as saved.
  if (pairs.size === 1) return null;
  // Days inside the range (a calendar's cells): moved along, as long as they stay inside the new range.
  for (let d = addDays(from.start, 1); d < from.end; d = addDays(d, 1)) {
    const moved = addDays(to.start, Math.round((d - from.start) / 86_400_000));
    if (moved < to.end && !pairs.has(iso(d))) pairs.set(iso(d), iso(moved));
  }
  let html = replaceDates(page.html, pairs);
  for (const [label, custom] of PRESET_LABELS) html = html.split(label).join(custom);
  return { url: redateUrl(expected.url, from, to), html, range };
}

/** Meta's `date=<start>_<day after the end>`. */
function metaUrlRange(range) {
  return `${iso(range.start)}_${iso(addDays(range.end, 1))}`;
}

/** Meta's `date=`, TikTok's `st=` and `et=`. */
function redateUrl(url, from, to) {
  return url
    .replace(`date=${metaUrlRange(from)}`, `date=${metaUrlRange(to)}`)
    .replace(`st=${iso(from.start)}`, `st=${iso(to.start)}`)
    .replace(`et=${iso(from.end)}`, `et=${iso(to.end)}`);
}
