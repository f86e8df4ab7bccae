import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateRangeText } from '@/lib/read/dates';
import { SUPPORTED_UI_LANGUAGES } from '@/lib/read/headers';

/**
 * Property tests for date-range labels (fast-check, fixed seed per test, named in the title). dates.test.ts
 * round-trips four fixed styles with the shared generator; these draw the style, the range (same day, month,
 * year or across years) and a picker label before it, in every UI language with a header dictionary, and
 * allow, for shapes the parser may not know (weekday names, two-digit years), only the exact range or null.
 */

const LOCALES: Record<(typeof SUPPORTED_UI_LANGUAGES)[number], readonly string[]> = {
  en: ['en-US', 'en-GB', 'en-IN', 'en-AU'],
  vi: ['vi', 'vi-VN'],
  uk: ['uk', 'uk-UA'],
  ru: ['ru', 'ru-RU'],
  de: ['de', 'de-DE', 'de-CH', 'de-AT'],
  fr: ['fr', 'fr-FR', 'fr-CA', 'fr-CH'],
  es: ['es', 'es-ES', 'es-MX'],
  pt: ['pt-BR', 'pt-PT'],
  zh: ['zh-CN', 'zh-TW'],
};
const ALL_LOCALES = SUPPORTED_UI_LANGUAGES.flatMap((lang) => LOCALES[lang]);

/** Styles every picker shape comes in: read exactly. */
const EXACT_STYLES: Intl.DateTimeFormatOptions[] = [
  { dateStyle: 'medium' },
  { dateStyle: 'long' },
  { day: 'numeric', month: 'short', year: 'numeric' },
  { day: 'numeric', month: 'long', year: 'numeric' },
  { day: '2-digit', month: '2-digit', year: 'numeric' },
  { day: 'numeric', month: 'numeric', year: 'numeric' },
];
/** Shapes the parser need not know (weekday, two-digit year): exact or null, never another date. */
const OTHER_STYLES: Intl.DateTimeFormatOptions[] = [
  { dateStyle: 'full' },
  { dateStyle: 'short' },
  { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  { day: 'numeric', month: 'short', year: '2-digit' },
];

const DAY = 86_400_000;
const FROM = Date.UTC(2010, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A start day and a length that covers one day, the same month, the next month and across a year. */
const range = fc
  .tuple(
    fc.integer({ min: 0, max: 9_000 }),
    fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 27 }), fc.integer({ min: 28, max: 400 })),
  )
  .map(([start, length]) => [FROM + start * DAY, FROM + (start + length) * DAY] as const);
const LABELS = [
  '',
  'Last 7 days: ',
  'Tháng này: ',
  'Останні 7 днів: ',
  'Benutzerdefiniert: ',
  '过去 30 天：',
];

describe('parseDateRangeText properties (fast-check)', () => {
  it('reads Intl ranges and single days back exactly in every UI language (seed 16101)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_LOCALES),
        fc.constantFrom(...EXACT_STYLES),
        range,
        fc.constantFrom(...LABELS),
        (locale, style, [start, end], label) => {
          const format = new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' });
          const text = label + (start === end ? format.format(start) : format.formatRange(start, end));
          expect(parseDateRangeText(text, locale), `${JSON.stringify(text)} (${locale})`).toEqual({
            start: iso(start),
            end: iso(end),
          });
        },
      ),
      { seed: 16_101, numRuns: 500 },
    );
  });

  it('gives the exact range or null for shapes it need not know, never another date (seed 16102)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_LOCALES),
        fc.constantFrom(...OTHER_STYLES),
        range,
        fc.boolean(),
        (locale, style, [start, end], withLocale) => {
          const format = new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' });
          const text = start === end ? format.format(start) : format.formatRange(start, end);
          const got = parseDateRangeText(text, withLocale ? locale : null);
          if (got !== null)
            expect(got, `${JSON.stringify(text)} (${locale})`).toEqual({ start: iso(start), end: iso(end) });
        },
      ),
      { seed: 16_102, numRuns: 500 },
    );
  });

  it('needs the UI language for numeric day/month order: without it, exact or null (seed 16103)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_LOCALES),
        fc.constantFrom<Intl.DateTimeFormatOptions>(
          { day: 'numeric', month: 'numeric', year: 'numeric' },
          { day: '2-digit', month: '2-digit', year: 'numeric' },
        ),
        range,
        (locale, style, [start, end]) => {
          const format = new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' });
          const text = start === end ? format.format(start) : format.formatRange(start, end);
          const got = parseDateRangeText(text, null);
          if (got !== null) expect(got, JSON.stringify(text)).toEqual({ start: iso(start), end: iso(end) });
        },
      ),
      { seed: 16_103, numRuns: 500 },
    );
  });

  it('never reads a range whose end is before its start or a day that does not exist (seed 16104)', () => {
    const unit = fc.constantFrom(...'0123456789 ./-–:年月日,'.split(''), 'May ', 'thg ', 'мая ', 'Tháng ');
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 30 }),
        fc.constantFrom(null, ...ALL_LOCALES),
        (text, locale) => {
          const got = parseDateRangeText(text, locale);
          if (got === null) return;
          for (const day of [got.start, got.end]) {
            expect(day, JSON.stringify(text)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10), JSON.stringify(text)).toBe(day);
          }
          expect(got.start <= got.end, JSON.stringify(text)).toBe(true);
        },
      ),
      { seed: 16_104, numRuns: 1_000 },
    );
  });
});
