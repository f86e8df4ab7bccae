/**
 * Date-range parsing for date pickers shown in the UI language (Google "Jan 1, 2020 – Apr 20, 2021",
 * Meta "Last 7 days: May 1, 2025 – May 7, 2025", "2025年7月28日 – 2025年8月26日", vi "1 Tháng 5, 2025 – …").
 * Returns inclusive ISO dates, or null when the text is not a range this parser is sure of.
 *
 * Month names come from Intl.DateTimeFormat for many languages (standalone and in-date forms, long and
 * short) rather than hand lists, so genitive forms ("мая", "травня") and abbreviations ("трав.", "févr.")
 * are covered; a word that is the unique prefix of one month's name is accepted too ("сент", "Sept").
 * Numbers are never assigned a role by guessing: a day/month order that only the locale can settle
 * (`4/5/2025`) needs the locale.
 */
export interface DateRange {
  start: string;
  end: string;
}

interface DateParts {
  day?: number;
  month?: number;
  year?: number;
}

/** Languages whose month names are always known, whatever the UI locale says. */
export const MONTH_NAME_LANGUAGES = [
  'en',
  'vi',
  'uk',
  'ru',
  'de',
  'fr',
  'es',
  'pt',
  'it',
  'nl',
  'pl',
  'tr',
  'id',
  'sv',
  'da',
  'nb',
  'fi',
  'cs',
  'ro',
  'hu',
  'el',
] as const;

/** Where the UI and Intl differ (older or alternative abbreviations). */
const HAND_MONTHS: Record<string, Record<string, number>> = {
  de: { mrz: 3 },
  en: { sept: 9 },
};

/** Words that carry no date information ("1 de mayo de 2025", "2025 г.", "2026 рр."). */
const FILLER = new Set([
  'de',
  'del',
  'of',
  'the',
  'г',
  'гг',
  'р',
  'рр',
  'года',
  'року',
  'le',
  'den',
  'el',
  'du',
  'from',
  'von',
  'vom',
  'с',
  'з',
  'từ',
  'desde',
]);

interface MonthTable {
  exact: Map<string, number>;
  /** Every known full or short name, for unique-prefix matching. */
  names: Array<readonly [string, number]>;
  weekdays: Set<string>;
}

function normaliseWord(word: string): string {
  return word.normalize('NFC').toLowerCase().replace(/\.$/, '');
}

const tableCache = new Map<string, MonthTable | null>();

function buildTable(languages: readonly string[]): MonthTable {
  const exact = new Map<string, number>();
  const conflicting = new Set<string>();
  const names: Array<readonly [string, number]> = [];
  const weekdays = new Set<string>();
  const add = (raw: string | undefined, month: number) => {
    if (!raw) return;
    const word = normaliseWord(raw);
    if (!/^[\p{L}\p{M}]+$/u.test(word)) return; // "tháng 5", "5月": handled by number rules
    names.push([word, month]);
    const seen = exact.get(word);
    if (seen !== undefined && seen !== month) conflicting.add(word);
    else exact.set(word, month);
  };
  for (const lang of languages) {
    let locale: string;
    try {
      locale = Intl.getCanonicalLocales(`${lang}-u-ca-gregory`)[0] ?? lang;
    } catch {
      continue;
    }
    for (const style of ['long', 'short'] as const) {
      const standalone = new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' });
      const inDate = new Intl.DateTimeFormat(locale, {
        day: 'numeric',
        month: style,
        year: 'numeric',
        timeZone: 'UTC',
      });
      for (let m = 0; m < 12; m++) {
        const date = Date.UTC(2021, m, 15);
        add(standalone.format(date), m + 1);
        add(inDate.formatToParts(date).find((p) => p.type === 'month')?.value, m + 1);
      }
      const weekday = new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' });
      // 2021-03-01 was a Monday.
      for (let d = 1; d <= 7; d++) weekdays.add(normaliseWord(weekday.format(Date.UTC(2021, 2, d))));
    }
    for (const [word, month] of Object.entries(HAND_MONTHS[languageOf(lang) ?? lang] ?? {})) add(word, month);
  }
  for (const word of conflicting) exact.delete(word);
  return { exact, names, weekdays };
}

function tableFor(key: string): MonthTable | null {
  let table = tableCache.get(key);
  if (table === undefined) {
    try {
      table = key === '*' ? buildTable(MONTH_NAME_LANGUAGES) : buildTable([key]);
    } catch {
      table = null;
    }
    tableCache.set(key, table);
  }
  return table;
}

function lookupIn(table: MonthTable, word: string): number | null {
  const exact = table.exact.get(word);
  if (exact !== undefined) return exact;
  if (word.length < 3) return null;
  const months = new Set(table.names.filter(([name]) => name.startsWith(word)).map(([, m]) => m));
  return months.size === 1 ? [...months][0]! : null;
}

function languageOf(uiLocale: string | null | undefined): string | null {
  if (!uiLocale) return null;
  try {
    return new Intl.Locale(uiLocale).language;
  } catch {
    return null;
  }
}

interface WordMeaning {
  month: number | null;
  weekday: boolean;
}

/**
 * What a word names, in the UI language first, then in any known language. The all-language table is only
 * built when the UI language does not know the word, which keeps the usual first read cheap.
 */
function meaningOf(word: string, uiLocale: string | null | undefined): WordMeaning {
  const w = normaliseWord(word);
  // The whole locale, not only its language: de-AT writes `Jänner`, which de does not know.
  const own = uiLocale && languageOf(uiLocale) ? tableFor(uiLocale) : null;
  if (own) {
    const month = lookupIn(own, w);
    const weekday = own.weekdays.has(w);
    if (month !== null || weekday) return { month, weekday };
  }
  const all = tableFor('*');
  return all ? { month: lookupIn(all, w), weekday: all.weekdays.has(w) } : { month: null, weekday: false };
}

/** A month (1–12) named by this word in the UI language first, then in any known language. */
export function monthFromWord(word: string, uiLocale?: string | null): number | null {
  return meaningOf(word, uiLocale).month;
}

const orderCache = new Map<string, 'dmy' | 'mdy' | 'ymd' | null>();
/** The numeric day/month order of a locale (`4/5/2025` is 5 April in en-GB, 4 May in en-US). */
function numericOrder(uiLocale: string | null | undefined): 'dmy' | 'mdy' | 'ymd' | null {
  if (!uiLocale) return null;
  let order = orderCache.get(uiLocale);
  if (order === undefined) {
    try {
      const types = new Intl.DateTimeFormat(uiLocale, { year: 'numeric', month: 'numeric', day: 'numeric' })
        .formatToParts(Date.UTC(2021, 2, 15))
        .map((p) => p.type)
        .filter((t) => t === 'day' || t === 'month' || t === 'year')
        .map((t) => t[0])
        .join('');
      order = types === 'dmy' || types === 'mdy' || types === 'ymd' ? types : null;
    } catch {
      order = null;
    }
    orderCache.set(uiLocale, order);
  }
  return order;
}

// One token at a time: a number with a CJK/Korean unit, a Vietnamese "tháng 5"/"ngày 1"/"năm 2025", a bare
// number, a word, or one punctuation character.
const TOKEN =
  /(\d{1,4})\s*(?:(年|년)|(月|월)|(日|일|号))|(?:tháng|thg)\s*(\d{1,2})(?!\d)|ngày\s*(\d{1,2})(?!\d)|năm\s*(\d{4})(?!\d)|(\d+)|([\p{L}\p{M}]+)|(\S)/gu;

interface NumberToken {
  value: number;
  digits: number;
  /** The punctuation right after the number, if any. */
  sep: string | null;
}

function parseSide(text: string, uiLocale: string | null | undefined): DateParts | null {
  const parts: DateParts = {};
  const set = (key: keyof DateParts, value: number): boolean => {
    if (parts[key] !== undefined) return false;
    parts[key] = value;
    return true;
  };
  const numbers: NumberToken[] = [];
  const monthWords: Array<{ month: number; soft: boolean }> = [];
  let last: NumberToken | null = null;
  for (const m of text.matchAll(TOKEN)) {
    const [, unitNum, yUnit, mUnit, dUnit, viMonth, viDay, viYear, num, word, punct] = m;
    if (unitNum !== undefined) {
      const ok = set(yUnit ? 'year' : mUnit ? 'month' : dUnit ? 'day' : 'day', Number(unitNum));
      if (!ok) return null;
      last = null;
    } else if (viMonth !== undefined) {
      if (!set('month', Number(viMonth))) return null;
      last = null;
    } else if (viDay !== undefined) {
      if (!set('day', Number(viDay))) return null;
      last = null;
    } else if (viYear !== undefined) {
      if (!set('year', Number(viYear))) return null;
      last = null;
    } else if (num !== undefined) {
      last = { value: Number(num), digits: num.length, sep: null };
      numbers.push(last);
    } else if (word !== undefined) {
      last = null;
      const w = normaliseWord(word);
      if (FILLER.has(w)) continue;
      const { month, weekday } = meaningOf(w, uiLocale);
      if (month !== null) monthWords.push({ month, soft: weekday });
      else if (!weekday) return null; // an unknown word: not a date we are sure of
    } else if (punct !== undefined) {
      if (last && last.sep === null) last.sep = punct;
      last = null;
    }
  }
  // "mar" is both Tuesday and March in Spanish: a weekday only when another word names the month.
  const hard = monthWords.filter((w) => !w.soft);
  const chosen = hard.length > 0 ? hard : monthWords;
  if (chosen.length > 1) return null;
  if (chosen[0] && !set('month', chosen[0].month)) return null;
  return assignNumbers(parts, numbers, uiLocale) ? parts : null;
}

function assignNumbers(
  parts: DateParts,
  numbers: NumberToken[],
  uiLocale: string | null | undefined,
): boolean {
  const set = (key: keyof DateParts, value: number): boolean => {
    if (parts[key] !== undefined) return false;
    parts[key] = value;
    return true;
  };
  const isYear = (n: NumberToken) => n.digits === 4;
  if (parts.month !== undefined) {
    // The month is named: a four-digit number is the year, a short one the day.
    return numbers.every((n) => (isYear(n) ? set('year', n.value) : n.digits <= 2 && set('day', n.value)));
  }
  const [a, b, c] = numbers;
  if (numbers.length === 3 && a && b && c) {
    if (isYear(a) && !isYear(b) && !isYear(c))
      return set('year', a.value) && set('month', b.value) && set('day', c.value);
    if (!isYear(c) || isYear(a) || isYear(b)) return false;
    let order: 'dmy' | 'mdy' | null = null;
    if (a.sep === '.')
      order = 'dmy'; // dotted dates are day-first wherever they are used
    else if (a.sep === '/' || a.sep === '-') {
      const localeOrder = numericOrder(uiLocale);
      if (localeOrder === 'dmy' || localeOrder === 'mdy') order = localeOrder;
    }
    if (!order) return false;
    const [day, month] = order === 'dmy' ? [a, b] : [b, a];
    return set('day', day.value) && set('month', month.value) && set('year', c.value);
  }
  if (numbers.length === 2 && a && b) {
    // "30, 2025" (shared month): the day and the year.
    if (!isYear(a) && isYear(b) && (a.sep === ',' || a.sep === null))
      return set('day', a.value) && set('year', b.value);
    // "01.04." (shared year, day-first dotted form).
    if (!isYear(a) && !isYear(b) && a.sep === '.') return set('day', a.value) && set('month', b.value);
    return false;
  }
  if (numbers.length === 1 && a)
    return isYear(a) ? set('year', a.value) : a.digits <= 2 && set('day', a.value);
  return numbers.length === 0;
}

// Between the two dates: a dash (en/em dash anywhere, a hyphen only with spaces), a tilde, 至, or a word.
const RANGE_SEPARATOR = /\s*[–—~至]\s*|\s+-\s+|\s+(?:to|bis|au|à|до|по|đến|a|al|até|tot|till|t\/m)\s+/iu;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toIso(parts: DateParts): string | null {
  const { year, month, day } = parts;
  if (year === undefined || month === undefined || day === undefined) return null;
  if (year < 1970 || year > 2100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoSide(text: string): DateParts | null {
  const m = ISO_DATE.exec(text.trim());
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

/**
 * A date or date range as a picker shows it, inclusive on both ends, or null when unsure.
 * A label before a colon ("Last 7 days:", "过去 30 天：") is ignored; a range may share its month or year
 * between both ends ("Apr 1 – 30, 2025", "1 – 30 Apr 2025", "2025年4月1日~30日").
 */
export function parseDateRangeText(text: string, uiLocale?: string | null): DateRange | null {
  let s = text
    .normalize('NFKC')
    .replace(/[\u00a0\u202f\u2007\u2009\u200b\u200e\u200f\u061c\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  const colon = s.lastIndexOf(':');
  if (colon !== -1 && /\d/.test(s.slice(colon + 1))) s = s.slice(colon + 1).trim();
  if (!s || s.length > 200) return null;

  const sides = s.split(RANGE_SEPARATOR).map((side) => side.trim());
  if (sides.length > 2 || sides.some((side) => !side)) return null;
  const parsed = sides.map((side) => parseIsoSide(side) ?? parseSide(side, uiLocale));
  const [a, b] = parsed;
  if (!a) return null;
  if (sides.length === 1) {
    const day = toIso(a);
    return day ? { start: day, end: day } : null;
  }
  if (!b || a.day === undefined || b.day === undefined) return null;
  const yearInherited = a.year === undefined;
  a.year ??= b.year;
  a.month ??= b.month;
  b.month ??= a.month;
  b.year ??= a.year;
  let start = toIso(a);
  const end = toIso(b);
  if (!start || !end) return null;
  // "Dec 28 – Jan 3, 2026": the year written once belongs to the end.
  if (start > end && yearInherited && a.year !== undefined) start = toIso({ ...a, year: a.year - 1 });
  if (!start || start > end) return null;
  return { start, end };
}
