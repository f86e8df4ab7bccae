/**
 * Parsing numbers exactly as an ad manager displays them, in any UI language and account currency:
 * `$1,684.51`, `1.831 ₫`, `1 234,56 ₴`, `1.234,56 €`, `28.81 $`, `1,234 SAR`, `US$12`, `(1,234)`, `−12`, `2.85%`.
 *
 * The currency follows the ad account, not the UI language, so the separators are worked out from the text
 * itself; the UI locale only settles the one truly ambiguous shape (a single separator followed by exactly
 * three digits, e.g. `1.234`).
 */

export interface ParsedNumber {
  value: number;
  /** ISO 4217 code when the text names the currency unambiguously. */
  currency: string | null;
  /** A currency symbol that does not identify one currency on its own (`$`, `¥`, `kr`). */
  ambiguousSymbol: string | null;
  percent: boolean;
}

/** Markers the platforms use for "no value" or "still loading". */
const EMPTY_MARKERS = new Set(['', '—', '–', '-', '--', '−', 'N/A', 'n/a']);

// Longest first, so `US$` wins over `$`.
const SYMBOLS: ReadonlyArray<readonly [string, string | null]> = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['AU$', 'AUD'],
  ['A$', 'AUD'],
  ['C$', 'CAD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['NT$', 'TWD'],
  ['MX$', 'MXN'],
  ['R$', 'BRL'],
  ['S$', 'SGD'],
  ['zł', 'PLN'],
  ['Kč', 'CZK'],
  ['грн', 'UAH'],
  ['руб', 'RUB'],
  ['₫', 'VND'],
  ['đ', 'VND'],
  ['₴', 'UAH'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₽', 'RUB'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₺', 'TRY'],
  ['₱', 'PHP'],
  ['฿', 'THB'],
  ['₪', 'ILS'],
  ['₦', 'NGN'],
  ['₸', 'KZT'],
  ['$', null],
  ['¥', null],
  ['￥', null],
  ['kr', null],
];

/** Currency codes we accept when written out beside a number (`1,234 SAR`, `28,81 USD`). */
const ISO_CODE = /(?:^|[^A-Za-z])([A-Z]{3})(?![A-Za-z])/;
const KNOWN_CODES = new Set(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : ['USD', 'EUR'],
);

const decimalSeparatorCache = new Map<string, string>();
function decimalSeparatorOf(locale: string): string | null {
  let sep = decimalSeparatorCache.get(locale);
  if (sep === undefined) {
    try {
      sep = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    } catch {
      return null;
    }
    decimalSeparatorCache.set(locale, sep);
  }
  return sep;
}

export function isEmptyMarker(text: string): boolean {
  return EMPTY_MARKERS.has(text.replace(/\s+/g, ' ').trim());
}

/**
 * Returns null for empty markers and for anything that is not one plain displayed number
 * (compact `1.2K`, ranges, words): a number we are not sure of is unknown, never a guess.
 */
export function parseDisplayedNumber(raw: string, uiLocale?: string | null): ParsedNumber | null {
  let text = raw.replace(/[\s\u00a0\u202f\u2009\u200b\u200e\u200f]+/g, ' ').trim();
  if (isEmptyMarker(text)) return null;

  let currency: string | null = null;
  let ambiguousSymbol: string | null = null;
  const code = ISO_CODE.exec(text);
  if (code && KNOWN_CODES.has(code[1]!)) {
    currency = code[1]!;
    text = text.replace(code[1]!, ' ');
  }
  for (const [symbol, iso] of SYMBOLS) {
    const at = text.indexOf(symbol);
    if (at === -1) continue;
    // `đ`/`kr` are letters: only a symbol when standing beside the number, not inside a word.
    text = text.slice(0, at) + ' ' + text.slice(at + symbol.length);
    if (iso) currency ??= iso;
    else if (!currency) ambiguousSymbol = symbol;
    break;
  }

  let negative = false;
  text = text.trim();
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1).trim();
  } else if (text.startsWith('%')) {
    percent = true;
    text = text.slice(1).trim();
  }
  if (/^[-−‒–]/.test(text)) {
    negative = !negative;
    text = text.slice(1).trim();
  }
  // A sign may also sit after a currency symbol was removed, or at the end (`12-`) in some locales.
  if (/[-−]$/.test(text)) {
    negative = !negative;
    text = text.slice(0, -1).trim();
  }
  // Grouping may be spaces or apostrophes (de-CH `1’234.50`).
  text = text.replace(/[ '’]/g, '');
  if (!/^\d[\d.,]*$/.test(text) && !/^[.,]\d+$/.test(text)) return null;

  const value = parseDigits(text, uiLocale ?? null);
  if (value === null) return null;
  return { value: negative ? -value : value, currency, ambiguousSymbol, percent };
}

function parseDigits(text: string, uiLocale: string | null): number | null {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimal: '.' | ',' | null = null;
  if (lastDot !== -1 && lastComma !== -1) {
    decimal = lastDot > lastComma ? '.' : ',';
  } else if (lastDot !== -1 || lastComma !== -1) {
    const sep = lastDot !== -1 ? '.' : ',';
    const count = text.split(sep).length - 1;
    const after = text.length - text.lastIndexOf(sep) - 1;
    if (count > 1) decimal = null;
    else if (after !== 3) decimal = sep;
    else {
      // `1.234` / `1,234`: grouping unless the UI's own decimal separator is this one.
      decimal = uiLocale && decimalSeparatorOf(uiLocale) === sep ? sep : null;
    }
  }
  const group = decimal === '.' ? ',' : decimal === ',' ? '.' : null;
  const [intPart, fracPart, ...rest] = decimal ? text.split(decimal) : [text];
  if (rest.length > 0 || intPart === undefined) return null;
  const groups = group ? intPart.split(group) : intPart.split(/[.,]/);
  if (groups.length > 1) {
    // Grouping must be well formed (Indian lakh grouping uses 2-digit groups before the last 3).
    const [first, ...others] = groups;
    if (!first || first.length > 3) return null;
    const last = others.at(-1)!;
    if (last.length !== 3 || others.slice(0, -1).some((g) => g.length !== 3 && g.length !== 2)) return null;
  }
  if (fracPart !== undefined && !/^\d+$/.test(fracPart)) return null;
  const normalised = groups.join('') + (fracPart !== undefined ? `.${fracPart}` : '');
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}
