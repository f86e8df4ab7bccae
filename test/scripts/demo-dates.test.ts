// The demo serves its month-to-date pages dated this month, so that budget pacing can be known; the page must
// read exactly as its fixture says, but for the dates. The fixture files themselves are never changed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapterForUrl } from '@/lib/platforms/registry';
import { currentMonthRange, isMonthToDate, redatePage } from '../../scripts/lib/demo-dates.mjs';
import { listFixturePages } from '../../scripts/lib/fixtures.mjs';
import { expectedVsReading, parseDocument, type ExpectedReading } from '../helpers/fixtures';
import { attachDeclarativeShadowRoots } from '../helpers/shadow';

const demoPages = listFixturePages().filter(
  (f) => f.expected.demo !== false && (f.expected.entities?.length ?? 0) > 0,
);
const RANGE = { start: '2026-12-01', end: '2026-12-06' };

function readAs(html: string, url: string) {
  const doc = parseDocument(html, url);
  attachDeclarativeShadowRoots(doc);
  const adapter = adapterForUrl(new URL(url));
  if (!adapter) throw new Error(`no adapter for ${url}`);
  return adapter.read(doc, new URL(url), { accountCurrency: () => null });
}

describe("the demo's current-month dates", () => {
  it('this month so far: the 1st to yesterday, or the 1st alone on the 1st (local calendar)', () => {
    expect(currentMonthRange(new Date(2026, 11, 7, 9, 30))).toEqual(RANGE);
    expect(currentMonthRange(new Date(2026, 11, 1, 23, 59))).toEqual({
      start: '2026-12-01',
      end: '2026-12-01',
    });
    expect(currentMonthRange(new Date(2028, 2, 1, 8))).toEqual({ start: '2028-03-01', end: '2028-03-01' });
    expect(currentMonthRange(new Date(2028, 1, 29, 8))).toEqual({ start: '2028-02-01', end: '2028-02-28' });
  });

  it('redates the month-to-date pages of Meta, Google and TikTok, and no page of another range', () => {
    const redated = demoPages.filter((f) => redatePage(f, RANGE) !== null);
    expect(new Set(redated.map((f) => f.platform))).toEqual(new Set(['meta', 'google', 'tiktok']));
    for (const f of demoPages)
      expect(redatePage(f, RANGE) !== null, `${f.platform}/${f.name}`).toBe(isMonthToDate(f.expected));
    // "Last month" and "last 7 days" pages, by-day tables and pages without dates are served as saved.
    const asSaved = demoPages
      .filter((f) => redatePage(f, RANGE) === null)
      .map((f) => `${f.platform}/${f.name}`);
    expect(asSaved).toEqual(
      expect.arrayContaining([
        'meta/campaigns-virtual-window',
        'meta/ads-uk-uah',
        'google/campaigns-by-day-en-usd',
      ]),
    );
  });

  it.each(
    demoPages.filter((f) => isMonthToDate(f.expected)).map((f) => [`${f.platform}/${f.name}`, f] as const),
  )('%s reads as its fixture says, dated this month', (_name, page) => {
    const moved = redatePage(page, RANGE)!;
    const expected: ExpectedReading = {
      ...(page.expected as ExpectedReading),
      url: moved.url,
      date_start: RANGE.start,
      date_end: RANGE.end,
    };
    expect(expectedVsReading(expected, readAs(moved.html, moved.url))).toEqual([]);
    // No date of the saved range is left on the page (a stale date picker would contradict the reading).
    expect(moved.html).not.toContain(page.expected.date_end!);
    // The fixture file stays as saved: the tests read it from disk, dated as it was.
    expect(readFileSync(page.htmlPath, 'utf8')).not.toContain(RANGE.end);
  });
});
