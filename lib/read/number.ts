/**
 * Parsing numbers exactly as an ad manager displays them, in any UI language and account currency:
 * `$1,684.51`, `1.831 ₫`, `1 234,56 ₴`, `1.234,56 €`, `28.81 $`, `1,234 SAR`, `US$12`, `(1,234)`, `−12`, `2.85%`,
 * `CHF 1’234.50`, `₹12,34,567.89`, `١٬٢٣٤٫٥٠ ر.س.‏`.
 *
 * The currency follows the ad account, not the UI language (a Russian UI shows `28.81 $`), so the separators
 * are worked out from the text itself; the UI locale only settles the one truly ambiguous shape (a single
 * separator followed by exactly three digits, e.g. `1.234`) when the text names no currency.
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
const EMPTY_MARKERS = new Set(['', '—', '–', '-', '--', '−', '…', '...', 'N/A', 'n/a']);

/**
 * Currency symbols as Intl and the ad managers write them (symbol and narrow symbol, many locales).
 * `null`: the symbol is shared by several currencies and is kept only as `ambiguousSymbol`.
 */
const SYMBOL_LIST: ReadonlyArray<readonly [string, string | null]> = [
  ['US$', 'USD'],
  ['$US', 'USD'],
  ['CA$', 'CAD'],
  ['$CA', 'CAD'],
  ['C$', 'CAD'],
  ['AU$', 'AUD'],
  ['$AU', 'AUD'],
  ['A$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['NT$', 'TWD'],
  ['MX$', 'MXN'],
  ['$SG', 'SGD'],
  ['$HK', 'HKD'],
  ['$NZ', 'NZD'],
  ['$TW', 'TWD'],
  ['$MX', 'MXN'],
  // fr-CA writes the country after a space: `12,00 $ US`.
  ['$ US', 'USD'],
  ['$ CA', 'CAD'],
  ['$ AU', 'AUD'],
  ['$ HK', 'HKD'],
  ['$ NZ', 'NZD'],
  ['$ SG', 'SGD'],
  ['$ TW', 'TWD'],
  ['$ MX', 'MXN'],
  ['E£', 'EGP'],
  ['£E', 'EGP'],
  ['CL$', 'CLP'],
  ['$CL', 'CLP'],
  ['R$', 'BRL'],
  ['BR$', 'BRL'],
  ['S$', 'SGD'],
  ['CN¥', 'CNY'],
  ['JP¥', 'JPY'],
  ['元', 'CNY'],
  ['£GB', 'GBP'],
  ['UK£', 'GBP'],
  ['zł', 'PLN'],
  ['Kč', 'CZK'],
  ['Ft', 'HUF'],
  ['Rp', 'IDR'],
  ['RM', 'MYR'],
  ['грн.', 'UAH'],
  ['грн', 'UAH'],
  ['руб.', 'RUB'],
  ['руб', 'RUB'],
  ['ر.س.', 'SAR'],
  ['د.إ.', 'AED'],
  ['د.ك.', 'KWD'],
  ['ج.م.', 'EGP'],
  ['₫', 'VND'],
  ['đ', 'VND'],
  ['₴', 'UAH'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₽', 'RUB'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['￦', 'KRW'],
  ['₺', 'TRY'],
  ['₱', 'PHP'],
  ['฿', 'THB'],
  ['₪', 'ILS'],
  ['₦', 'NGN'],
  ['₸', 'KZT'],
  ['₾', 'GEL'],
  ['R', 'ZAR'],
  ['$', null],
  ['¥', null],
  ['￥', null],
  ['kr.', null],
  ['Kr.', null],
  ['Kr', null],
  ['kr', null],
  ['Dkr', 'DKK'],
  ['Rs.', null],
  ['Rs', null],
];
// Longest first, so `US$` wins over `$` and `R$` over `R`.
const SYMBOLS = [...SYMBOL_LIST].sort((a, b) => b[0].length - a[0].length);

/** Currency codes we accept when written out beside a number (`1,234 SAR`, `28,81 USD`). */
const ISO_CODE = /(?:^|[^A-Za-z])([A-Z]{3})(?![A-Za-z])/;
const KNOWN_CODES = new Set(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : ['USD', 'EUR'],
);

/** The zero of every decimal digit block that a locale may use for numbers (Arabic-Indic, Devanagari, …). */
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6,
  0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x17e0, 0x1810, 0xff10,
];

/** Decimal digits other than ASCII `0-9` (which need no mapping). */
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/** Locale digits (`١٢٣`, `१२३`, `１２３`) and Arabic separators as ASCII; everything else unchanged. */
export function toAsciiDigits(text: string): string {
  // Nearly all text the tables show is ASCII, which this function returns unchanged.
  if (!NON_ASCII.test(text)) return text;
  return text
    .replace(NON_ASCII_DIGIT, (d) => {
      const cp = d.codePointAt(0)!;
      const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9);
      return zero === undefined ? d : String(cp - zero);
    })
    .replace(/٬/g, ',') // Arabic thousands separator
    .replace(/٫/g, '.'); // Arabic decimal separator
}

const decimalSeparatorCache = new Map<string, string | null>();
/**
 * The locale's decimal mark, for plain numbers or for money: some locales write them differently (fr-CH shows
 * `1,5` but `1.500 TND`).
 */
function decimalSeparatorOf(locale: string, money = false): string | null {
  const key = money ? `${locale}\u0000money` : locale;
  let sep = decimalSeparatorCache.get(key);
  if (sep === undefined) {
    try {
      const format = new Intl.NumberFormat(locale, money ? { style: 'currency', currency: 'KWD' } : {});
      sep = format.formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    } catch {
      sep = null;
    }
    decimalSeparatorCache.set(key, sep);
  }
  return sep;
}

const currencyDigitsCache = new Map<string, number>();
/** How many decimals a currency's amounts show (VND 0, USD 2, KWD 3). */
export function currencyFractionDigits(code: string): number {
  let digits = currencyDigitsCache.get(code);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    currencyDigitsCache.set(code, digits);
  }
  return digits;
}

const INVISIBLE = /[\s\u00a0\u202f\u2007\u2009\u200b\u200e\u200f\u061c\u2066-\u2069\ufeff]+/g;

export function isEmptyMarker(text: string): boolean {
  return EMPTY_MARKERS.has(text.replace(INVISIBLE, ' ').trim());
}

const LETTER = /[\p{L}\p{M}]/u;

/** Finds a currency symbol standing beside the number (a letter symbol such as `R` or `đ` not inside a word). */
function findSymbol(text: string): { at: number; symbol: string; iso: string | null } | null {
  for (const [symbol, iso] of SYMBOLS) {
    let at = text.indexOf(symbol);
    while (at !== -1) {
      const before = text[at - 1] ?? '';
      const after = text[at + symbol.length] ?? '';
      const startsWithLetter = LETTER.test(symbol[0]!);
      const endsWithLetter = LETTER.test(symbol.at(-1)!);
      if (!(startsWithLetter && LETTER.test(before)) && !(endsWithLetter && LETTER.test(after)))
        return { at, symbol, iso };
      at = text.indexOf(symbol, at + 1);
    }
  }
  return null;
}

/**
 * Returns null for empty markers and for anything that is not one plain displayed number
 * (compact `1.2K`, ranges, words): a number we are not sure of is unknown, never a guess.
 */
export function parseDisplayedNumber(raw: string, uiLocale?: string | null): ParsedNumber | null {
  const plain = PLAIN_NUMBER.exec(raw);
  if (plain) return parsePlainNumber(plain, uiLocale);
  // `—` and the other markers as they are shown: the general path would only normalise them to themselves.
  if (EMPTY_MARKERS.has(raw)) return null;
  return parseGeneral(raw, uiLocale);
}

function parseGeneral(raw: string, uiLocale?: string | null): ParsedNumber | null {
  // No NFKC here: it would turn the full-width `￥` into `¥`, which reads differently (see currency.ts).
  let text = toAsciiDigits(raw.normalize('NFC')).replace(INVISIBLE, ' ').trim();
  // The Arabic separators say which is which: `٫` is only ever the decimal mark, `٬` only grouping.
  const arabicSeparators = /[٫٬]/.test(raw);
  if (isEmptyMarker(text)) return null;

  let currency: string | null = null;
  let ambiguousSymbol: string | null = null;
  const code = ISO_CODE.exec(text);
  if (code && KNOWN_CODES.has(code[1]!)) {
    currency = code[1]!;
    text = text.replace(code[1]!, ' ');
  }
  const found = findSymbol(text);
  if (found) {
    text = text.slice(0, found.at) + ' ' + text.slice(found.at + found.symbol.length);
    // `€12 USD`: two currencies named, so neither can be trusted.
    if (found.iso && currency && found.iso !== currency) return null;
    if (found.iso) currency = found.iso;
    else if (!currency) ambiguousSymbol = found.symbol;
  }

  let negative = false;
  let percent = false;
  let signed = false;
  let bracketed = false;
  text = text.trim();
  // Signs, brackets and the percent sign may come in any order around the digits: `-%12` (tr), `12 %-`.
  for (let guard = 0; guard < 6; guard++) {
    const before = text;
    if (!bracketed && text.startsWith('(') && text.endsWith(')')) {
      bracketed = true;
      negative = !negative;
      text = text.slice(1, -1);
    } else if (!percent && /^[%٪％]|[%٪％]$/.test(text)) {
      percent = true;
      text = text.replace(/^[%٪％]|[%٪％]$/, '');
    } else if (!signed && /^[-−‒–－+]|[-−－]$/.test(text)) {
      signed = true;
      const sign = /^[-−‒–－+]/.test(text) ? text[0]! : text.at(-1)!;
      if (sign !== '+') negative = !negative;
      text = /^[-−‒–－+]/.test(text) ? text.slice(1) : text.slice(0, -1);
    }
    text = text.trim();
    if (text === before) break;
  }

  // Grouping may be spaces or apostrophes (fr `1 234,56`, de-CH `1’234.50`): only in threes.
  if (/[ '’]/.test(text)) {
    if (!/^\d{1,3}(?:[ '’]\d{3})+(?:[.,]\d+)?$/.test(text)) return null;
    text = text.replace(/[ '’]/g, '');
  }
  if (!/^\d[\d.,]*$/.test(text) && !/^[.,]\d+$/.test(text)) return null;

  const moneyDigits = currency
    ? currencyFractionDigits(currency)
    : ambiguousSymbol
      ? 2 // every currency behind `$`, `¥`, `kr`, `Rs` shows at most 2 decimals
      : null;
  const value = parseDigits(
    text,
    arabicSeparators ? 'en' : (uiLocale ?? null),
    moneyDigits,
    arabicSeparators,
  );
  if (value === null) return null;
  return { value: negative && value !== 0 ? -value : value, currency, ambiguousSymbol, percent };
}

/**
 * The shapes most cells show, in ASCII only: `1,234`, `12.34`, `$1,234.56`, `1.23%`. For these the general
 * parser finds no code, no other symbol, no sign and no space, so only the digits need parsing.
 */
const PLAIN_NUMBER = /^(\$?)(\d[\d.,]*)(%?)$/;

/**
 * Digit shapes whose reading depends on nothing else: `123`, `12.34` (a dot not followed by exactly three
 * digits is the decimal mark), `1,234.56` (both marks, well grouped in threes), `1,234,567` (two commas are
 * never a decimal mark).
 */
const UNAMBIGUOUS_DIGITS = /^(?:\d+(?:\.(?:\d{1,2}|\d{4,}))?|\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,})$/;
/** `1,234`: a group, unless the UI's decimal mark is the comma and the text is not money (see parseDigits). */
const ONE_COMMA_GROUP = /^[1-9]\d{0,2},\d{3}$/;

function parsePlainNumber(plain: RegExpExecArray, uiLocale?: string | null): ParsedNumber | null {
  const dollar = plain[1] === '$';
  const digits = plain[2]!;
  // A bare `$` is ambiguous and fits only currencies with at most 2 decimals, as in the general path.
  const grouped =
    UNAMBIGUOUS_DIGITS.test(digits) ||
    (ONE_COMMA_GROUP.test(digits) && (dollar || !uiLocale || decimalSeparatorOf(uiLocale) !== ','));
  const value = grouped
    ? Number(digits.includes(',') ? digits.replace(/,/g, '') : digits)
    : parseDigits(digits, uiLocale ?? null, dollar ? 2 : null);
  if (value === null || !Number.isFinite(value)) return null;
  return { value, currency: null, ambiguousSymbol: dollar ? '$' : null, percent: plain[3] === '%' };
}

/** The general parser alone, without the plain-number fast path (exported so tests can compare the two). */
export function parseDisplayedNumberGeneral(raw: string, uiLocale?: string | null): ParsedNumber | null {
  return parseGeneral(raw, uiLocale);
}

function parseDigits(
  text: string,
  uiLocale: string | null,
  moneyDigits: number | null,
  dotIsDecimal = false,
): number | null {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimal: '.' | ',' | null = null;
  if (dotIsDecimal) {
    decimal = lastDot !== -1 ? '.' : null;
  } else if (lastDot !== -1 && lastComma !== -1) {
    decimal = lastDot > lastComma ? '.' : ',';
  } else if (lastDot !== -1 || lastComma !== -1) {
    const sep = lastDot !== -1 ? '.' : ',';
    const count = text.split(sep).length - 1;
    const after = text.length - text.lastIndexOf(sep) - 1;
    const intPart = text.slice(0, text.indexOf(sep));
    if (count > 1) decimal = null;
    else if (after !== 3 || intPart === '' || /^0+$/.test(intPart)) decimal = sep;
    else if (moneyDigits !== null && moneyDigits < 3) {
      // Money in a currency with 0–2 decimals: three digits after the mark can only be a group.
      decimal = null;
    } else if (moneyDigits !== null && !uiLocale) {
      // `KWD 12.345` with no UI language: a 3-decimal currency's amount or a group, nothing settles which.
      return null;
    } else {
      // `1.234` / `1,234`: grouping unless the UI's own decimal separator is this one.
      decimal = uiLocale && decimalSeparatorOf(uiLocale, moneyDigits !== null) === sep ? sep : null;
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
  if (group && intPart.includes(decimal!)) return null;
  if (fracPart !== undefined && !/^\d+$/.test(fracPart)) return null;
  const normalised = groups.join('') + (fracPart !== undefined ? `.${fracPart}` : '');
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}
