/**
 * Numbers, money, percentages and dates for people, in the user's locale (Intl only). Every function
 * takes the locale explicitly so the same value renders the same way in tests and in every page, and
 * every unknown value (null, undefined, NaN, ±Infinity) renders as the one "unknown" mark — never as 0.
 *
 * (Machine formats — the CSV's plain decimals — live in lib/export/csv.ts, not here.)
 */

export const UNKNOWN_MARK = '—';

type Value = number | null | undefined;

function known(value: Value): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

// Intl constructors are slow (tens of µs); a table of hundreds of cells must not build one per cell.
const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

const dateCache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateCache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateCache.set(key, format);
  }
  return format;
}

/** A count or plain quantity: `12,345` / `12.345` / `12 345`. */
export function formatNumber(value: Value, locale: string, maximumFractionDigits = 2): string {
  if (!known(value)) return UNKNOWN_MARK;
  return numberFormat(locale, { maximumFractionDigits }).format(value);
}

/** Digits a currency is usually written with (VND, JPY: 0; USD: 2). */
export function currencyDigits(currency: string): number {
  try {
    return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * An amount of money. With no known currency the amount is shown as a plain number (the sign would be a
 * guess). `compact` suits small spaces (`$1.2K`).
 */
export function formatMoney(
  value: Value,
  currency: string | null | undefined,
  locale: string,
  options: { compact?: boolean } = {},
): string {
  if (!known(value)) return UNKNOWN_MARK;
  if (!currency) return formatNumber(value, locale, 2);
  try {
    if (options.compact && Math.abs(value) >= 10_000)
      return numberFormat(locale, {
        style: 'currency',
        currency,
        notation: 'compact',
        maximumFractionDigits: 1,
      }).format(value);
    // Small unit costs (a CPC of 0.04) keep two decimals even in zero-decimal currencies' neighbours.
    const digits = currencyDigits(currency);
    return numberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);
  } catch {
    // An unknown code (hand-edited settings) must not break a whole page.
    return `${formatNumber(value, locale, 2)} ${currency}`;
  }
}

/** A fraction as a percentage: 0.0285 → `2.85%` / `2,85 %`. */
export function formatPercent(fraction: Value, locale: string, maximumFractionDigits = 2): string {
  if (!known(fraction)) return UNKNOWN_MARK;
  return numberFormat(locale, { style: 'percent', maximumFractionDigits }).format(fraction);
}

/** A signed change as a percentage: `+12.5%`, `−3%`, `0%`. */
export function formatSignedPercent(fraction: Value, locale: string, maximumFractionDigits = 1): string {
  if (!known(fraction)) return UNKNOWN_MARK;
  return numberFormat(locale, { style: 'percent', maximumFractionDigits, signDisplay: 'exceptZero' }).format(
    fraction,
  );
}

/** A multiple such as ROAS: `3.25×`. */
export function formatMultiple(value: Value, locale: string): string {
  if (!known(value)) return UNKNOWN_MARK;
  return `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)}×`;
}

/** A date and time of day: `Nov 22, 2026, 10:32`. */
export function formatDateTime(ms: Value, locale: string, timeZone?: string): string {
  if (!known(ms)) return UNKNOWN_MARK;
  return dateFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(ms);
}

/** A short time of day when `ms` is today, else a short date and time. */
export function formatWhen(ms: Value, locale: string, now: number, timeZone?: string): string {
  if (!known(ms)) return UNKNOWN_MARK;
  const zone = timeZone ? { timeZone } : {};
  const day = dateFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', ...zone });
  if (day.format(ms) === day.format(now))
    return dateFormat(locale, { timeStyle: 'short', ...zone }).format(ms);
  return dateFormat(locale, { dateStyle: 'short', timeStyle: 'short', ...zone }).format(ms);
}

function isoToUtcMs(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(ms) ? ms : null;
}

/** A calendar day given as `YYYY-MM-DD` (no time zone shift: the day is the day). */
export function formatIsoDay(iso: string | null | undefined, locale: string): string {
  const ms = iso ? isoToUtcMs(iso) : null;
  if (ms === null) return UNKNOWN_MARK;
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

/** A reporting range, both ends inclusive: `Nov 1 – 21, 2026`. */
export function formatIsoRange(
  start: string | null | undefined,
  end: string | null | undefined,
  locale: string,
): string {
  const a = start ? isoToUtcMs(start) : null;
  const b = end ? isoToUtcMs(end) : null;
  if (a === null || b === null) return UNKNOWN_MARK;
  const format = dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return a === b ? format.format(a) : format.formatRange(a, b);
}

/** A short day label for chart axes: `Nov 21` / `21 thg 11`. */
export function formatShortDay(ms: Value, locale: string): string {
  if (!known(ms)) return UNKNOWN_MARK;
  return dateFormat(locale, { month: 'short', day: 'numeric' }).format(ms);
}

/** A `YYYY-MM-DD` day as a short axis label (`Nov 21`), the day itself whatever the browser's zone. */
export function formatShortIsoDay(iso: string | null | undefined, locale: string): string {
  const ms = iso ? isoToUtcMs(iso) : null;
  if (ms === null) return UNKNOWN_MARK;
  return dateFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(ms);
}
