import { describe, expect, it } from 'vitest';
import { monthFromWord, parseDateRangeText } from '@/lib/read/dates';
import { listRealPages, loadFixture, realPagesAvailable, parseDocument } from '../helpers/fixtures';
import { seeded as prng } from '../helpers/seeded';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('parseDateRangeText: picker texts seen on the platforms', () => {
  it.each([
    // Google picker (en dash, hyphen, "to")
    ['Jan 1, 2020 – Apr 20, 2021', 'en', '2020-01-01', '2021-04-20'],
    ['Jan 1, 2020 - Apr 20, 2021', 'en', '2020-01-01', '2021-04-20'],
    ['Jan 1, 2020 to Apr 20, 2021', 'en', '2020-01-01', '2021-04-20'],
    // Meta stats_range
    ['Last 7 days: May 1, 2025 – May 7, 2025', 'en', '2025-05-01', '2025-05-07'],
    ['过去 30 天：2025年7月28日 – 2025年8月26日', 'zh-CN', '2025-07-28', '2025-08-26'],
    ['Tháng này: 1 Tháng 5, 2025 – 11 Tháng 5, 2025', 'vi', '2025-05-01', '2025-05-11'],
    ['1 thg 5, 2025 – 7 thg 5, 2025', 'vi', '2025-05-01', '2025-05-07'],
    // Russian / Ukrainian with genitive or abbreviated months, "г."/"р." and NBSP
    [`1${NBSP}мая 2025${NBSP}г. – 7${NBSP}мая 2025${NBSP}г.`, 'ru', '2025-05-01', '2025-05-07'],
    [`1 трав. 2025${NNBSP}р. – 7 трав. 2025${NNBSP}р.`, 'uk', '2025-05-01', '2025-05-07'],
    ['1 сент. 2025 г. – 3 окт. 2025 г.', 'ru', '2025-09-01', '2025-10-03'],
    ['1 травня – 3 червня 2025 р.', 'uk', '2025-05-01', '2025-06-03'],
    ['1. Mai 2025 – 7. Mai 2025', 'de', '2025-05-01', '2025-05-07'],
    ['1 mai 2025 – 7 mai 2025', 'fr', '2025-05-01', '2025-05-07'],
    ['1 may 2025 – 7 may 2025', 'es', '2025-05-01', '2025-05-07'],
    ['1 de mai. de 2025 – 7 de mai. de 2025', 'pt-BR', '2025-05-01', '2025-05-07'],
    // TikTok
    ['May 1, 2025 - May 7, 2025', 'en', '2025-05-01', '2025-05-07'],
    // shared month or year
    ['Apr 1 – 30, 2025', 'en', '2025-04-01', '2025-04-30'],
    ['Apr 1 – May 3, 2025', 'en', '2025-04-01', '2025-05-03'],
    ['1 – 30 Apr 2025', 'en-GB', '2025-04-01', '2025-04-30'],
    ['1.–30. April 2025', 'de', '2025-04-01', '2025-04-30'],
    ['01.04. – 03.05.2025', 'de', '2025-04-01', '2025-05-03'],
    ['1–30 квіт. 2025 р.', 'uk', '2025-04-01', '2025-04-30'],
    ['2025年4月1日~30日', 'zh', '2025-04-01', '2025-04-30'],
    ['2025/4/1 – 2025/5/3', 'zh-CN', '2025-04-01', '2025-05-03'],
    ['Dec 28 – Jan 3, 2026', 'en', '2025-12-28', '2026-01-03'],
    // shapes used by the project's platform fixtures
    ['1. Okt. 2025 – 31. Okt. 2025', 'de', '2025-10-01', '2025-10-31'],
    ['1 Oct 2025 – 31 Oct 2025', 'en-GB', '2025-10-01', '2025-10-31'],
    ['1 thg 10, 2025 – 31 thg 10, 2025', 'vi', '2025-10-01', '2025-10-31'],
    ['Останні 7 днів: 14 лист. 2026 р. – 20 лист. 2026 р.', 'uk', '2026-11-14', '2026-11-20'],
    ['Tháng này: 1 Tháng 11, 2026 – 21 Tháng 11, 2026', 'vi', '2026-11-01', '2026-11-21'],
    ['This month: Nov 1, 2026 – Nov 21, 2026', 'en', '2026-11-01', '2026-11-21'],
    // single day
    ['Apr 20, 2021', 'en', '2021-04-20', '2021-04-20'],
    ['2026年5月22日', 'zh', '2026-05-22', '2026-05-22'],
    // ISO
    ['2025-05-01 – 2025-05-07', null, '2025-05-01', '2025-05-07'],
  ])('%s (%s)', (text, locale, start, end) => {
    expect(parseDateRangeText(text, locale)).toEqual({ start, end });
  });

  it('reads month names without a UI locale when no language disagrees', () => {
    expect(parseDateRangeText('1 мая 2025 г. – 7 мая 2025 г.')).toEqual({
      start: '2025-05-01',
      end: '2025-05-07',
    });
    expect(parseDateRangeText('May 1, 2025 - May 7, 2025')).toEqual({
      start: '2025-05-01',
      end: '2025-05-07',
    });
  });

  it.each([
    ['', 'en'],
    ['Lifetime', 'en'],
    ['Last 7 days', 'en'],
    ['Maximum: —', 'en'],
    ['May 7, 2025 – May 1, 2025', 'en'], // end before start
    ['Feb 30, 2025', 'en'],
    ['4/5/2025', null], // day/month order unknown without a locale
    ['May 2025', 'en'], // no day
    ['May 1, 2025 – May 7, 2025 – May 9, 2025', 'en'],
    ['1 foo 2025', 'en'],
    ['Lead Gen – Spring Webinar 2026', 'en'], // a campaign name, not a date
    ['Khách hàng tiềm năng – Form Tết 2027', 'vi'],
    ['2026年2月21日 – 长期', 'zh'], // schedule "Feb 21, 2026 – ongoing"
    ['2026年2月21日 10:00', 'zh'],
  ])('gives null for %j', (text, locale) => {
    expect(parseDateRangeText(text, locale)).toBeNull();
  });

  it('uses the locale for the numeric day/month order', () => {
    expect(parseDateRangeText('4/5/2025', 'en-US')).toEqual({ start: '2025-04-05', end: '2025-04-05' });
    expect(parseDateRangeText('4/5/2025', 'en-GB')).toEqual({ start: '2025-05-04', end: '2025-05-04' });
    expect(parseDateRangeText('04.05.2025', null)).toEqual({ start: '2025-05-04', end: '2025-05-04' });
  });

  it('knows month words by prefix and by language', () => {
    expect(monthFromWord('Sept')).toBe(9);
    expect(monthFromWord('сен')).toBe(9);
    expect(monthFromWord('трав.')).toBe(5);
    expect(monthFromWord('févr.')).toBe(2);
    expect(monthFromWord('Mrz', 'de')).toBe(3);
    expect(monthFromWord('ma')).toBeNull();
  });
});

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('parseDateRangeText: generated with Intl.DateTimeFormat', () => {
  const locales = [
    'en-US',
    'en-GB',
    'en-IN',
    'vi-VN',
    'uk-UA',
    'ru-RU',
    'de-DE',
    'fr-FR',
    'es-ES',
    'pt-BR',
    'pt-PT',
    'it-IT',
    'nl-NL',
    'pl-PL',
    'tr-TR',
    'id-ID',
    'zh-CN',
    'ja-JP',
    'ko-KR',
    'hu-HU',
    'sv-SE',
    'fi-FI',
    'cs-CZ',
    'da-DK',
    'nb-NO',
    'ro-RO',
    'el-GR',
  ];
  const styles: Intl.DateTimeFormatOptions[] = [
    { dateStyle: 'medium' },
    { dateStyle: 'long' },
    { day: 'numeric', month: 'short', year: 'numeric' },
    { day: 'numeric', month: 'long', year: 'numeric' },
  ];
  const random = prng(20250501);
  const day = 86_400_000;
  const from = Date.UTC(2016, 0, 1);

  for (const locale of locales) {
    it(`round-trips dates and ranges in ${locale}`, () => {
      const failures: string[] = [];
      for (const style of styles) {
        const format = new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' });
        for (let i = 0; i < 40; i++) {
          const start = from + Math.floor(random() * 4000) * day;
          // Same month, next month, next year: every sharing pattern formatRange produces.
          const end = start + Math.floor(random() * [28, 70, 500][i % 3]!) * day;
          const single = format.format(start);
          const got = parseDateRangeText(single, locale);
          if (got?.start !== iso(start) || got.end !== iso(start))
            failures.push(`${single} → ${JSON.stringify(got)}`);
          const range = format.formatRange(start, end);
          const gotRange = parseDateRangeText(range, locale);
          if (gotRange?.start !== iso(start) || gotRange.end !== iso(end))
            failures.push(`${range} → ${JSON.stringify(gotRange)} (want ${iso(start)}…${iso(end)})`);
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
    for (const page of [...listRealPages('google'), ...listRealPages('meta')]) {
      it(`reads the picker text of ${page.name} when the page shows one`, () => {
        const { html, expected } = loadFixture(page);
        const text = parseDocument(html, expected.url).body.textContent ?? '';
        // English picker shape; the Meta fragments carry no picker (their JSON dates come from the URL).
        const shown = /[A-Z][a-z]{2} \d{1,2}, \d{4} – [A-Z][a-z]{2} \d{1,2}, \d{4}/.exec(text)?.[0];
        if (expected.platform === 'meta') expect(shown).toBeUndefined();
        else
          expect(parseDateRangeText(shown ?? '', 'en')).toEqual({
            start: expected.date_start,
            end: expected.date_end,
          });
      }, 60_000); // parsing a 1.4 MB saved page in jsdom is slow on a busy machine
    }
  },
);
