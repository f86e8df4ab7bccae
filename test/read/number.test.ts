import { describe, expect, it } from 'vitest';
import { currencyFractionDigits, isEmptyMarker, parseDisplayedNumber } from '@/lib/read/number';
import { listRealPages, loadFixture, realPagesAvailable } from '../helpers/fixtures';
import { seeded as prng } from '../helpers/seeded';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('parseDisplayedNumber: formats seen on the platforms', () => {
  it.each([
    // [text, uiLocale, value, currency, ambiguous symbol]
    ['$1,684.51', null, 1684.51, null, '$'],
    ['$1,684.51', 'zh-CN', 1684.51, null, '$'],
    ['1.831 ₫', null, 1831, 'VND', null],
    ['1.831 ₫', 'en', 1831, 'VND', null], // VND has no decimals, whatever the UI says
    ['1.831 đ', 'vi', 1831, 'VND', null],
    ['200.000 đ', 'vi', 200000, 'VND', null],
    ['20.066', 'vi', 20066, null, null],
    [`1${NBSP}234,56 ₴`, 'uk', 1234.56, 'UAH', null],
    [`1${NNBSP}234,56${NNBSP}₴`, 'uk', 1234.56, 'UAH', null],
    [`1${NNBSP}234,56 грн.`, 'uk', 1234.56, 'UAH', null],
    ['1.234,56 €', 'de', 1234.56, 'EUR', null],
    ['28.81 $', 'ru', 28.81, null, '$'],
    ['28,81 $', 'ru', 28.81, null, '$'],
    ['0.12 $', 'ru', 0.12, null, '$'],
    ['1 234,56 $', 'ru', 1234.56, null, '$'],
    ['1,234 SAR', null, 1234, 'SAR', null],
    ['0.00 SAR', null, 0, 'SAR', null],
    ['1,234.56 USD', null, 1234.56, 'USD', null],
    ['US$12.50', null, 12.5, 'USD', null],
    ['US$ 1,000', 'pt-BR', 1000, 'USD', null],
    ['S$12.50', null, 12.5, 'SGD', null],
    ['R$ 1.234,56', 'pt-BR', 1234.56, 'BRL', null],
    ['(1,234)', null, -1234, null, null],
    ['($1,234.50)', null, -1234.5, null, '$'],
    ['−12', null, -12, null, null],
    ['-$12.00', null, -12, null, '$'],
    ['CHF 1’234.50', 'de-CH', 1234.5, 'CHF', null],
    ["1'234.50", 'de-CH', 1234.5, null, null],
    ['CHF-1’234.50', 'de-CH', -1234.5, 'CHF', null],
    ['₹12,34,567.89', 'en-IN', 1234567.89, 'INR', null],
    ['1,00,00,000', 'en-IN', 10000000, null, null],
    ['¥1,235', 'ja', 1235, null, '¥'],
    ['￥1,235', 'ja', 1235, null, '￥'],
    ['10 000,00 ₽', 'ru', 10000, 'RUB', null],
    ['١٬٢٣٤٫٥٠ ر.س.‏', 'ar-SA', 1234.5, 'SAR', null],
    ['0.123', null, 0.123, null, null],
    ['Rs. 1,234.50', null, 1234.5, null, 'Rs.'],
  ])('%s (%s)', (text, locale, value, currency, symbol) => {
    const parsed = parseDisplayedNumber(text, locale);
    expect(parsed).toEqual({ value, currency, ambiguousSymbol: symbol, percent: false });
  });

  it.each([
    ['2.85%', null, 2.85],
    ['28.85%', 'en', 28.85],
    [`2,85${NBSP}%`, 'de', 2.85],
    [`12,5${NNBSP}%`, 'fr', 12.5],
    ['%12,5', 'tr', 12.5],
    ['-%12,5', 'tr', -12.5],
    ['-13٪', 'ar', -13],
  ])('reads the percent %s', (text, locale, value) => {
    expect(parseDisplayedNumber(text, locale)).toEqual({
      value,
      currency: null,
      ambiguousSymbol: null,
      percent: true,
    });
  });

  it.each(['—', '-', '--', '', ' ', '\u00a0', '…', 'N/A'])('treats %j as an empty marker', (text) => {
    expect(isEmptyMarker(text)).toBe(true);
    expect(parseDisplayedNumber(text)).toBeNull();
  });

  it.each([
    '1.2K',
    '748.2K',
    '1.2M',
    '1,2 тыс.',
    '1.2万',
    'Learning',
    '12 – 15',
    '1 2',
    '1,23,4567',
    '1.234.56',
    '€12 USD',
    '12 abc',
    'Results: 12',
  ])('does not guess %j', (text) => {
    expect(parseDisplayedNumber(text)).toBeNull();
  });

  it('uses the UI locale only for the ambiguous 1.234 shape', () => {
    expect(parseDisplayedNumber('1.234')?.value).toBe(1234);
    expect(parseDisplayedNumber('1,234')?.value).toBe(1234);
    expect(parseDisplayedNumber('1,234', 'de')?.value).toBe(1.234);
    expect(parseDisplayedNumber('1.234', 'en')?.value).toBe(1.234);
    expect(parseDisplayedNumber('1.234', 'de')?.value).toBe(1234);
    // Money in a 2-decimal currency: three digits are a group whatever the locale.
    expect(parseDisplayedNumber('1.234 $', 'en')?.value).toBe(1234);
    // Kuwaiti dinar has three decimals: the locale decides again.
    expect(parseDisplayedNumber('1.234 KWD', 'en')?.value).toBe(1.234);
  });

  it('knows currency decimals', () => {
    expect(currencyFractionDigits('VND')).toBe(0);
    expect(currencyFractionDigits('USD')).toBe(2);
    expect(currencyFractionDigits('KWD')).toBe(3);
  });
});

const LOCALES = [
  'en-US',
  'en-GB',
  'en-IN',
  'de-DE',
  'de-CH',
  'de-AT',
  'fr-FR',
  'fr-CH',
  'vi-VN',
  'uk-UA',
  'ru-RU',
  'es-ES',
  'es-MX',
  'pt-BR',
  'pt-PT',
  'pl-PL',
  'ja-JP',
  'zh-CN',
  'zh-TW',
  'ar-SA-u-nu-latn',
  'ar-SA',
  'ar-EG',
  'hi-IN',
  'it-IT',
  'nl-NL',
  'sv-SE',
  'nb-NO',
  'da-DK',
  'fi-FI',
  'cs-CZ',
  'hu-HU',
  'tr-TR',
  'id-ID',
  'ko-KR',
  'th-TH',
  'he-IL',
  'el-GR',
  'ro-RO',
];
const CURRENCIES = [
  'USD',
  'EUR',
  'VND',
  'UAH',
  'SAR',
  'JPY',
  'GBP',
  'INR',
  'BRL',
  'PLN',
  'RUB',
  'CNY',
  'CHF',
  'CAD',
  'AUD',
  'MXN',
  'TRY',
  'KRW',
  'SEK',
  'DKK',
  'CZK',
  'HUF',
  'IDR',
  'THB',
  'AED',
  'ZAR',
  'SGD',
  'ILS',
];
/** Symbols that several currencies share: the parser must report them as ambiguous, never pick one. */
const SHARED_SYMBOLS = new Set(['$', '¥', '￥', 'kr', 'kr.', 'Rs']);

/** Random amounts: integers, 2-decimal, negative, large, and tiny. */
function randomAmount(random: () => number): number {
  const magnitude = [1, 100, 10_000, 1_000_000, 1_000_000_000][Math.floor(random() * 5)]!;
  let value = random() * magnitude;
  value = random() < 0.3 ? Math.round(value) : Math.round(value * 100) / 100;
  return random() < 0.2 ? -value : value;
}

/** Rounds half away from zero, as Intl.NumberFormat does. */
function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}

describe('parseDisplayedNumber: generated with Intl.NumberFormat', () => {
  const random = prng(1684_51);

  for (const locale of LOCALES) {
    it(`reads money back in ${locale}`, () => {
      const failures: string[] = [];
      for (const currency of CURRENCIES) {
        for (const currencyDisplay of ['symbol', 'narrowSymbol', 'code'] as const) {
          for (const currencySign of ['standard', 'accounting'] as const) {
            const format = new Intl.NumberFormat(locale, {
              style: 'currency',
              currency,
              currencyDisplay,
              currencySign,
            });
            const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
            for (let i = 0; i < 4; i++) {
              const value = randomAmount(random);
              const text = format.format(value);
              const shown =
                format
                  .formatToParts(value)
                  .find((p) => p.type === 'currency')
                  ?.value.trim() ?? '';
              const want = roundTo(value, digits);
              // Locale given: the page's own language.
              const got = parseDisplayedNumber(text, locale);
              const wantCurrency = SHARED_SYMBOLS.has(shown) ? null : currency;
              const wantSymbol = SHARED_SYMBOLS.has(shown) ? shown : null;
              if (
                !got ||
                got.value !== (want === 0 ? 0 : want) ||
                got.currency !== wantCurrency ||
                got.ambiguousSymbol !== wantSymbol ||
                got.percent
              )
                failures.push(`${JSON.stringify(text)} ${currency} → ${JSON.stringify(got)}, want ${want}`);
              // Locale unknown (or different from the number's): money still reads, since the currency fixes
              // the decimals.
              const blind = parseDisplayedNumber(text, null);
              if (blind?.value !== got?.value)
                failures.push(`${JSON.stringify(text)} without locale → ${JSON.stringify(blind)}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it(`reads plain numbers and percents back in ${locale}`, () => {
      const failures: string[] = [];
      const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
      // Three decimals are ambiguous by nature (`1.234`): only the page's locale settles them.
      const three = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
      const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
      for (let i = 0; i < 60; i++) {
        const value = randomAmount(random);
        const expectValue = (text: string, want: number, isPercent: boolean, uiLocale: string | null) => {
          const got = parseDisplayedNumber(text, uiLocale);
          if (!got || got.value !== want || got.percent !== isPercent || got.currency || got.ambiguousSymbol)
            failures.push(`${JSON.stringify(text)} (${uiLocale}) → ${JSON.stringify(got)}, want ${want}`);
        };
        expectValue(plain.format(value), value, false, locale);
        expectValue(plain.format(value), value, false, null);
        const withThree = roundTo(value / 1000, 3);
        expectValue(three.format(withThree), withThree, false, locale);
        const ratio = roundTo(value / 10_000, 4);
        expectValue(percent.format(ratio), roundTo(ratio * 100, 2), true, locale);
      }
      expect(failures).toEqual([]);
    });

    it(`never guesses compact numbers in ${locale}`, () => {
      const failures: string[] = [];
      for (const compactDisplay of ['short', 'long'] as const) {
        const format = new Intl.NumberFormat(locale, { notation: 'compact', compactDisplay });
        for (let i = 0; i < 20; i++) {
          const value = Math.round(10_000 + random() * 1e9);
          const text = format.format(value);
          const got = parseDisplayedNumber(text, locale);
          // Either unknown, or (when the locale does not abbreviate this size) the exact value.
          if (got && got.value !== value) failures.push(`${JSON.stringify(text)} → ${JSON.stringify(got)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

// Optional: the real saved pages live beside the repository; the title says so when they are absent.
describe.skipIf(!realPagesAvailable())(
  realPagesAvailable() ? 'real saved pages' : 'real saved pages: NOT RUN, folder absent',
  () => {
    // Raw value-node texts (JSON `raw`) of base metrics and the values the page means.
    const FIELD_OF: Record<string, string> = {
      'stats.cost': 'spend',
      'stats.impressions': 'impressions',
      'stats.clicks': 'clicks',
      'stats.conversions': 'conversions',
      spend: 'spend',
      impressions: 'impressions',
      reach: 'reach',
    };
    for (const page of [...listRealPages('google'), ...listRealPages('meta')]) {
      it(`parses every shown number of ${page.name}`, () => {
        const { expected } = loadFixture(page);
        const rows = [
          ...expected.entities,
          ...((expected.totals as typeof expected.entities | undefined) ?? []),
        ];
        let checked = 0;
        for (const row of rows) {
          const raw = (row as { raw?: Record<string, unknown> }).raw ?? {};
          for (const [key, text] of Object.entries(raw)) {
            const field = FIELD_OF[key];
            if (!field || typeof text !== 'string') continue;
            const want = (row as unknown as Record<string, number | null>)[field] ?? null;
            expect([key, text, parseDisplayedNumber(text, 'en')?.value ?? null]).toEqual([key, text, want]);
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(0);
      });
    }
  },
);
