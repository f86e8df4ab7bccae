import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveCurrency } from '@/lib/read/currency';
import { parseDateRangeText } from '@/lib/read/dates';
import { SUPPORTED_UI_LANGUAGES } from '@/lib/read/headers';
import { parseDisplayedNumber } from '@/lib/read/number';

/**
 * Parsing in each UI language with the account currency of that market, end to end (fast-check, fixed seed per
 * test, named in the title). number.property.test.ts and dates.property.test.ts draw Intl's options in every
 * UI language; these add what a page of one market shows: its own currency through to the currency decision
 * (`resolveCurrency`), and the same text with its spaces as pages really write them (NBSP, narrow NBSP, thin
 * space or a plain space, wherever Intl puts one of them), which must read the same or not at all.
 *
 * Compact numbers (`1.2K`) are not shown by the ad managers (research notes) and are refused, never read:
 * number.property.test.ts holds that.
 */

/** A market per regional UI locale: its UI language's locale and its account currency. */
const MARKETS: Record<(typeof SUPPORTED_UI_LANGUAGES)[number], readonly (readonly [string, string])[]> = {
  en: [
    ['en-US', 'USD'],
    ['en-GB', 'GBP'],
    ['en-IN', 'INR'],
    ['en-AU', 'AUD'],
    ['en-CA', 'CAD'],
  ],
  vi: [['vi-VN', 'VND']],
  uk: [['uk-UA', 'UAH']],
  ru: [['ru-RU', 'RUB']],
  de: [
    ['de-DE', 'EUR'],
    ['de-AT', 'EUR'],
    ['de-CH', 'CHF'],
  ],
  fr: [
    ['fr-FR', 'EUR'],
    ['fr-CH', 'CHF'],
    ['fr-CA', 'CAD'],
  ],
  es: [
    ['es-ES', 'EUR'],
    ['es-MX', 'MXN'],
  ],
  pt: [
    ['pt-BR', 'BRL'],
    ['pt-PT', 'EUR'],
  ],
  zh: [
    ['zh-CN', 'CNY'],
    ['zh-TW', 'TWD'],
    ['zh-HK', 'HKD'],
  ],
};
const ALL_MARKETS = SUPPORTED_UI_LANGUAGES.flatMap((lang) => MARKETS[lang]);

/** The value Intl shows, from its parts (digits and decimal mark as written; sign or accounting brackets). */
function shownValue(parts: Intl.NumberFormatPart[]): number {
  let digits = '';
  let negative = false;
  for (const p of parts) {
    if (p.type === 'integer' || p.type === 'fraction') digits += p.value;
    else if (p.type === 'decimal') digits += '.';
    else if (p.type === 'minusSign') negative = true;
    else if (p.type === 'literal' && p.value.includes('(')) negative = true;
  }
  const value = Number(digits);
  return negative && value !== 0 ? -value : value;
}

/** Amounts with up to `digits` decimals, from cents to billions, built from integers (no float noise). */
const amount = (digits: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 999_999 }), fc.boolean())
    .map(([magnitude, mantissa, negative]) => {
      const value = Math.round(mantissa * 10 ** Math.max(0, magnitude - 6)) / 10 ** digits;
      return negative ? -value : value;
    });

const SPACE = /[ \u00a0\u202f\u2009]/g;
const SPACES = [' ', '\u00a0', '\u202f', '\u2009'] as const;
/** Each space of `text` replaced by the space kind drawn for it. */
const respaced = (text: string, kinds: readonly number[]) => {
  let i = 0;
  return text.replace(SPACE, () => SPACES[kinds[i++ % kinds.length]! % SPACES.length]!);
};
const spaceKinds = fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 6 });

describe('parsing a market’s own numbers and currency (fast-check)', () => {
  it('reads the market’s money back exactly and decides the market’s currency (seed 16401)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_MARKETS),
        fc.constantFrom<Intl.NumberFormatOptions['currencyDisplay']>('symbol', 'narrowSymbol', 'code'),
        fc.constantFrom<Intl.NumberFormatOptions['currencySign']>('standard', 'accounting'),
        amount(2),
        ([locale, currency], currencyDisplay, currencySign, value) => {
          const format = new Intl.NumberFormat(locale, {
            style: 'currency',
            currency,
            currencyDisplay,
            currencySign,
          });
          const parts = format.formatToParts(value);
          const text = format.format(value);
          const label = `${JSON.stringify(text)} ${currency} (${locale})`;
          const got = parseDisplayedNumber(text, locale);
          expect(got, label).not.toBeNull();
          expect(got!.value, label).toBe(shownValue(parts));
          const decided = resolveCurrency([got!], null, locale);
          // Named (a code, `€`, `HK$`) or assumed from a bare symbol the market writes for its own currency (`$`
          // in en-CA is CAD), the decision is the market's currency. A narrow symbol may be shared where the
          // market's own symbol is not (zh-HK writes HKD `HK$`, narrow `$`): then it is only ever an assumption,
          // shown as one and never stored, so the page cannot have named another currency.
          if (currencyDisplay === 'narrowSymbol' && decided.currency !== currency)
            expect(decided.currencySource, label).toBe('assumed');
          else expect(decided.currency, label).toBe(currency);
        },
      ),
      { seed: 16_401, numRuns: 600 },
    );
  });

  it('reads numbers, percents and money the same whatever spaces the page writes (seed 16402)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_MARKETS),
        fc.constantFrom<'decimal' | 'percent' | 'currency'>('decimal', 'percent', 'currency'),
        amount(2),
        spaceKinds,
        ([locale, currency], style, value, kinds) => {
          const format = new Intl.NumberFormat(locale, {
            style,
            ...(style === 'currency' ? { currency } : { maximumFractionDigits: 2 }),
          });
          const shown = format.format(style === 'percent' ? value / 100 : value);
          const text = respaced(shown, kinds);
          const want = parseDisplayedNumber(shown, locale);
          const got = parseDisplayedNumber(text, locale);
          expect(want, JSON.stringify(shown)).not.toBeNull();
          if (got !== null) expect(got, `${JSON.stringify(text)} (${locale})`).toEqual(want);
          // A space is never a decimal mark, so only a space inside the digits may make the text unknown.
          else expect(/\d[ \u00a0\u202f\u2009]\d/.test(text), JSON.stringify(text)).toBe(true);
        },
      ),
      { seed: 16_402, numRuns: 600 },
    );
  });

  it('groups digits with any space kind (1 234 567,89) and reads the same value (seed 16403)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_MARKETS),
        fc.integer({ min: 1_000, max: 999_999_999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom(...SPACES),
        ([locale], int, cents, space) => {
          const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')!;
          const grouped = String(int).replace(/\B(?=(\d{3})+(?!\d))/g, space);
          const text = `${grouped}${decimal.value}${String(cents).padStart(2, '0')}`;
          expect(parseDisplayedNumber(text, locale)?.value, `${JSON.stringify(text)} (${locale})`).toBe(
            int + cents / 100,
          );
        },
      ),
      { seed: 16_403, numRuns: 400 },
    );
  });
});

const DAY = 86_400_000;
const FROM = Date.UTC(2015, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const range = fc
  .tuple(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 120 }))
  .map(([start, length]) => [FROM + start * DAY, FROM + (start + length) * DAY] as const);

describe('parsing a market’s date pickers (fast-check)', () => {
  it('reads ranges exactly or not at all, the same whatever spaces the picker writes (seed 16404)', () => {
    let exact = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_MARKETS),
        fc.constantFrom<Intl.DateTimeFormatOptions>(
          { dateStyle: 'medium' },
          { dateStyle: 'long' },
          { day: 'numeric', month: 'short', year: 'numeric' },
          { day: '2-digit', month: '2-digit', year: 'numeric' },
        ),
        range,
        spaceKinds,
        ([locale], style, [start, end], kinds) => {
          const format = new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' });
          const shown = start === end ? format.format(start) : format.formatRange(start, end);
          const text = respaced(shown, kinds);
          const asShown = parseDateRangeText(shown, locale);
          // Exact, or unknown where the market's own order is not what it writes (en-CA shows `1/2/2015` for
          // a numeric range but `2015-01-02` for one day): never another range.
          if (asShown !== null)
            expect(asShown, JSON.stringify(shown)).toEqual({ start: iso(start), end: iso(end) });
          expect(parseDateRangeText(text, locale), `${JSON.stringify(text)} (${locale})`).toEqual(asShown);
          if (asShown) exact++;
        },
      ),
      { seed: 16_404, numRuns: 500 },
    );
    // Unknown is the exception, not the way the property holds.
    expect(exact).toBeGreaterThan(450);
  });
});
