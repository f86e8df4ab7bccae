import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDisplayedNumber } from '@/lib/read/number';
import { SUPPORTED_UI_LANGUAGES } from '@/lib/read/headers';

/**
 * Property tests (fast-check, one fixed seed per test, named in the title; a failure prints the seed and the
 * shrunk counterexample). number.test.ts already round-trips fixed option sets with the shared generator; these
 * draw the Intl options too (fraction digits, grouping, sign display, currency display and sign, 0- and 3-decimal
 * currencies) in every UI language that has a header dictionary, and check what must never happen: a compact
 * number, a number with words in it or two numbers read as one value.
 *
 * The oracle is what Intl shows, taken from `formatToParts` (digits, decimal part, minus sign or accounting
 * brackets), so a rounding rule of Intl never needs re-implementing here.
 */

/** Every supported UI language in the regional forms the ad managers use. */
const LOCALES: Record<(typeof SUPPORTED_UI_LANGUAGES)[number], readonly string[]> = {
  en: ['en', 'en-US', 'en-GB', 'en-IN', 'en-AU'],
  vi: ['vi', 'vi-VN'],
  uk: ['uk', 'uk-UA'],
  ru: ['ru', 'ru-RU'],
  de: ['de', 'de-DE', 'de-CH', 'de-AT'],
  fr: ['fr', 'fr-FR', 'fr-CH', 'fr-CA'],
  es: ['es', 'es-ES', 'es-MX'],
  pt: ['pt', 'pt-BR', 'pt-PT'],
  zh: ['zh', 'zh-CN', 'zh-TW', 'zh-HK'],
};
const ALL_LOCALES = SUPPORTED_UI_LANGUAGES.flatMap((lang) => LOCALES[lang]);

/** Currencies of ad accounts, with every fraction length Intl knows: 0 (JPY, KRW, VND, CLP), 2, 3 (KWD…). */
const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'VND',
  'UAH',
  'RUB',
  'BRL',
  'CNY',
  'TWD',
  'HKD',
  'CHF',
  'CAD',
  'AUD',
  'MXN',
  'INR',
  'JPY',
  'KRW',
  'CLP',
  'ISK',
  'KWD',
  'BHD',
  'JOD',
  'OMR',
  'TND',
  'SAR',
  'AED',
  'PLN',
  'SEK',
  'ZAR',
  'EGP',
];
/** Symbols that several currencies share: read as ambiguous, never as one of them. */
const SHARED_SYMBOLS = new Set(['$', '¥', '￥', 'kr', 'kr.', 'Kr', 'Kr.', 'Rs', 'Rs.']);

/** The value Intl shows, from its parts: digits and decimal mark as written, negative by sign or brackets. */
function shownValue(parts: Intl.NumberFormatPart[]): number {
  let digits = '';
  let negative = false;
  for (const p of parts) {
    if (p.type === 'integer') digits += p.value;
    else if (p.type === 'decimal') digits += '.';
    else if (p.type === 'fraction') digits += p.value;
    else if (p.type === 'minusSign') negative = true;
    else if (p.type === 'literal' && p.value.includes('(')) negative = true;
  }
  const value = Number(digits);
  return negative && value !== 0 ? -value : value;
}

/** Amounts with up to `digits` decimals, from cents to billions, as integers scaled down (no float noise). */
const amount = (digits: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 999_999 }), fc.boolean())
    .map(([magnitude, mantissa, negative]) => {
      const value = Math.round(mantissa * 10 ** Math.max(0, magnitude - 6)) / 10 ** digits;
      return negative ? -value : value;
    });

const SEED = {
  decimal: 16_001,
  percent: 16_002,
  money: 16_003,
  compact: 16_004,
  junk: 16_005,
  ambiguous: 16_006,
};
const RUNS = 400;

describe('parseDisplayedNumber properties (fast-check)', () => {
  it(`reads plain numbers as Intl formats them, any options, every UI language (seed ${SEED.decimal})`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_LOCALES),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom<Intl.NumberFormatOptions['useGrouping']>(true, false, 'min2'),
        fc.constantFrom<Intl.NumberFormatOptions['signDisplay']>('auto', 'always', 'exceptZero', 'negative'),
        fc.integer({ min: 0, max: 3 }).chain((digits) => fc.tuple(fc.constant(digits), amount(digits))),
        (locale, minDigits, useGrouping, signDisplay, [maxDigits, value]) => {
          const format = new Intl.NumberFormat(locale, {
            minimumFractionDigits: Math.min(minDigits, maxDigits),
            maximumFractionDigits: maxDigits,
            useGrouping,
            signDisplay,
          });
          const parts = format.formatToParts(value);
          const text = format.format(value);
          const got = parseDisplayedNumber(text, locale);
          expect(got, `${JSON.stringify(text)} (${locale})`).toEqual({
            value: shownValue(parts),
            currency: null,
            ambiguousSymbol: null,
            percent: false,
          });
        },
      ),
      { seed: SEED.decimal, numRuns: RUNS },
    );
  });

  it(`reads percents as Intl formats them in every UI language (seed ${SEED.percent})`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_LOCALES),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom<Intl.NumberFormatOptions['signDisplay']>('auto', 'always', 'exceptZero'),
        amount(4),
        (locale, digits, signDisplay, ratio) => {
          const format = new Intl.NumberFormat(locale, {
            style: 'percent',
            maximumFractionDigits: digits,
            signDisplay,
          });
          const text = format.format(ratio);
          const got = parseDisplayedNumber(text, locale);
          expect(got, `${JSON.stringify(text)} (${locale})`).toEqual({
            value: shownValue(format.formatToParts(ratio)),
            currency: null,
            ambiguousSymbol: null,
            percent: true,
          });
        },
      ),
      { seed: SEED.percent, numRuns: RUNS },
    );
  });

  it(`reads money exactly or not at all, never with another currency (seed ${SEED.money})`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_LOCALES),
        fc.constantFrom(...CURRENCIES),
        fc.constantFrom<Intl.NumberFormatOptions['currencyDisplay']>('symbol', 'narrowSymbol', 'code'),
        fc.constantFrom<Intl.NumberFormatOptions['currencySign']>('standard', 'accounting'),
        amount(3),
        fc.boolean(),
        (locale, currency, currencyDisplay, currencySign, value, withLocale) => {
          const format = new Intl.NumberFormat(locale, {
            style: 'currency',
            currency,
            currencyDisplay,
            currencySign,
          });
          const parts = format.formatToParts(value);
          const text = format.format(value);
          const shown = parts.find((p) => p.type === 'currency')?.value.trim() ?? '';
          const got = parseDisplayedNumber(text, withLocale ? locale : null);
          const label = `${JSON.stringify(text)} ${currency} (${withLocale ? locale : 'no locale'})`;
          const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
          // With the page's language every shape is settled. Without it, a 3-decimal amount whose only mark is
          // followed by three digits (`KWD 12.345`) may be a group or a decimal: unknown is the right answer.
          const mayBeUnknown = !withLocale && digits === 3;
          if (got === null && mayBeUnknown) return;
          expect(got, label).not.toBeNull();
          expect(got!.value, label).toBe(shownValue(parts));
          expect(got!.percent, label).toBe(false);
          if (SHARED_SYMBOLS.has(shown))
            expect([got!.currency, got!.ambiguousSymbol], label).toEqual([null, shown]);
          else expect([got!.currency, got!.ambiguousSymbol], label).toEqual([currency, null]);
        },
      ),
      { seed: SEED.money, numRuns: RUNS * 2 },
    );
  });

  it(`refuses compact notation (1.2K, 3,4 млн, 1,2 Mio.) in every UI language (seed ${SEED.compact})`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_LOCALES),
        fc.constantFrom<Intl.NumberFormatOptions['compactDisplay']>('short', 'long'),
        fc.constantFrom<'decimal' | 'currency' | 'percent'>('decimal', 'currency', 'percent'),
        fc.integer({ min: 1_000, max: 999_000_000_000 }),
        (locale, compactDisplay, style, value) => {
          const format = new Intl.NumberFormat(locale, {
            notation: 'compact',
            compactDisplay,
            style,
            ...(style === 'currency' ? { currency: 'EUR' } : {}),
          });
          const parts = format.formatToParts(style === 'percent' ? value / 100 : value);
          const text = parts.map((p) => p.value).join('');
          const got = parseDisplayedNumber(text, locale);
          // A size this language does not abbreviate (de `12.345`) is a plain number and reads exactly.
          if (parts.some((p) => p.type === 'compact')) expect(got, JSON.stringify(text)).toBeNull();
          else expect(got?.value, JSON.stringify(text)).toBe(shownValue(parts));
        },
      ),
      { seed: SEED.compact, numRuns: RUNS },
    );
  });

  it(`never reads a number out of words, ranges or two numbers (seed ${SEED.junk})`, () => {
    const number = fc
      .tuple(fc.constantFrom(...ALL_LOCALES), amount(2))
      .map(([locale, value]) => new Intl.NumberFormat(locale).format(value));
    const word = fc.constantFrom(
      'abc',
      'Learning',
      'K',
      'M',
      'Mio.',
      'тыс.',
      '万',
      'e',
      'x',
      'Results',
      'N',
      'k',
    );
    const space = fc.constantFrom(' ', '\u00a0', '\u202f', '\u2009', '');
    const junk = fc.oneof(
      // A word before or after the number, or inside it.
      fc.tuple(number, word, space).map(([n, w, s]) => `${n}${s}${w}`),
      fc.tuple(number, word, space).map(([n, w, s]) => `${w}${s}${n}`),
      fc
        .tuple(number, word, fc.nat())
        .filter(([n]) => n.length > 1)
        .map(([n, w, at]) => {
          const i = 1 + (at % (n.length - 1));
          return n.slice(0, i) + w + n.slice(i);
        }),
      // Two numbers: a range, a ratio, or side by side.
      fc
        .tuple(number, number, fc.constantFrom(' – ', ' - ', '–', ' / ', '/', ' ', ' to ', 'x', ':'))
        .map(([a, b, sep]) => `${a}${sep}${b}`),
    );
    fc.assert(
      fc.property(junk, fc.constantFrom(null, ...ALL_LOCALES), (text, locale) => {
        expect(parseDisplayedNumber(text, locale), JSON.stringify(text)).toBeNull();
      }),
      { seed: SEED.junk, numRuns: RUNS * 2 },
    );
  });

  it(`never returns a non-finite value or a number from text without digits (seed ${SEED.junk + 10})`, () => {
    const alphabet = fc.constantFrom(..."0123456789.,'’ -−()%$€₫¥eE+\u00a0\u202f٫٬١٢KMabc".split(''));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: alphabet, maxLength: 16 }), fc.string({ maxLength: 16 })),
        fc.constantFrom(null, ...ALL_LOCALES),
        (text, locale) => {
          const got = parseDisplayedNumber(text, locale);
          if (got === null) return;
          expect(Number.isFinite(got.value), JSON.stringify(text)).toBe(true);
          expect(/\p{Nd}/u.test(text), JSON.stringify(text)).toBe(true);
          expect(/[a-df-zA-DF-Z]{2}/.test(text.replace(/[A-Z]{3}/g, '')), JSON.stringify(text)).toBe(false);
        },
      ),
      { seed: SEED.junk + 10, numRuns: RUNS * 3 },
    );
  });

  it(`settles a lone mark before three digits (1.234 / 1,234) by the UI language only (seed ${SEED.ambiguous})`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_LOCALES),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('.', ','),
        (locale, int, frac, mark) => {
          const text = `${int}${mark}${String(frac).padStart(3, '0')}`;
          const decimal = new Intl.NumberFormat(locale)
            .formatToParts(1.5)
            .find((p) => p.type === 'decimal')!.value;
          const want =
            decimal === mark ? Number(`${int}.${String(frac).padStart(3, '0')}`) : int * 1000 + frac;
          expect(parseDisplayedNumber(text, locale)?.value, `${text} (${locale})`).toBe(want);
        },
      ),
      { seed: SEED.ambiguous, numRuns: RUNS },
    );
  });
});
