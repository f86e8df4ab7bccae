import { describe, expect, it } from 'vitest';
import { googleAdapter, googleRowKind, readGooglePageTotal } from '@/lib/platforms/google';
import type { ReadOptions } from '@/lib/platforms/types';
import { snapshotsOf } from '@/lib/store/snapshots';
import {
  expectedVsReading,
  listFixtures,
  listRealPages,
  loadFixture,
  parseDocument,
  readFixture,
  REAL_PAGES_DIR,
  realPagesAvailable,
} from '../helpers/fixtures';

const fixtures = listFixtures('google');
const fixture = (name: string) => {
  const found = fixtures.find((f) => f.name === name);
  if (!found) throw new Error(`fixture ${name} is missing`);
  const { html, expected } = loadFixture(found);
  return { html, expected, doc: parseDocument(html, expected.url) };
};
const read = (doc: Document, url: string, accountCurrency: ReadOptions['accountCurrency'] = () => null) =>
  googleAdapter.read(doc, new URL(url), { accountCurrency });

const reports = fixtures.filter((f) => loadFixture(f).expected.health !== 'not-recognised');
const unsupported = fixtures.filter((f) => loadFixture(f).expected.health === 'not-recognised');

describe('Google detect', () => {
  const detect = (url: string) => googleAdapter.detect(new URL(url));

  it.each([
    [
      'https://ads.google.com/aw/campaigns?ocid=213777327&__u=1427944493&__c=9355685623&authuser=1',
      'campaign',
    ],
    ['https://ads.google.com/aw/adgroups?campaignId=791252583&ocid=213777327', 'adset'],
    ['https://ads.google.com/aw/ads?campaignId=791252583&adGroupId=44015999747&ocid=213777327', 'ad'],
    [
      'https://ads.google.com/aw/keywords?campaignId=791252583&adGroupId=44015999747&ocid=213777327',
      'keyword',
    ],
    ['https://ads.google.com/aw/campaigns/?ocid=213777327&__e=1248957009', 'campaign'],
  ])('%s → %s, with no account id or dates from the URL', (url, level) => {
    // ocid, __c, __u and __e (an MCC) are internal or other ids, never the customer id of this account.
    expect(detect(url)).toEqual({ level, accountId: null, dateStart: null, dateEnd: null });
  });

  it.each([
    'https://ads.google.com/aw/overview?ocid=213777327',
    'https://ads.google.com/aw/billing/summary?ocid=213777327',
    'https://ads.google.com/aw/campaigns/new?ocid=213777327',
    'https://ads.google.example/aw/campaigns?ocid=213777327',
  ])('%s is not a report page', (url) => {
    expect(detect(url)).toBeNull();
  });
});

describe('Google Ads fixtures', () => {
  it('has at least three report fixtures and one unsupported page', () => {
    expect(reports.length).toBeGreaterThanOrEqual(3);
    expect(unsupported.length).toBeGreaterThanOrEqual(1);
  });

  describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, file) => {
    const { html, expected } = loadFixture(file);

    it('reads as the JSON says', () => {
      expect(expectedVsReading(expected, readFixture(googleAdapter, html, expected.url))).toEqual([]);
    });

    it('reads the same with every class attribute stripped', () => {
      const reading = readFixture(googleAdapter, html, expected.url, { stripClasses: true });
      expect(expectedVsReading(expected, reading)).toEqual([]);
    });

    it('is detected exactly when it is a report page, and stores only then', () => {
      const detected = googleAdapter.detect(new URL(expected.url));
      const stored = snapshotsOf(readFixture(googleAdapter, html, expected.url), 0);
      if (expected.health === 'not-recognised') {
        expect(detected).toBeNull();
        expect(typeof stored).toBe('string');
      } else {
        expect(detected?.level).toBe(expected.level);
        expect(Array.isArray(stored) && stored.length).toBe(expected.entities.length);
      }
    });
  });

  it.each(reports.map((f) => f.name))('%s: summary and segment rows are told apart by structure', (name) => {
    const { html, expected } = fixture(name);
    const doc = parseDocument(html, expected.url, { stripClasses: true });
    const grid = googleAdapter.findTable(doc);
    expect(grid).not.toBeNull();
    const kinds = [...grid!.querySelectorAll('[role="row"]')].map(googleRowKind);
    expect(kinds[0]).toBe('header');
    expect(kinds.filter((k) => k === 'entity')).toHaveLength(expected.entities.length);
    expect(kinds.filter((k) => k === 'summary')).toHaveLength(2);
  });

  it('reads a column without essfield through its header text ("Conv. value")', () => {
    const { doc, expected } = fixture('campaigns-en-usd');
    const header = [...doc.querySelectorAll('[role="columnheader"]')].find((h) =>
      h.textContent?.includes('Conv. value'),
    );
    expect(header?.hasAttribute('essfield')).toBe(false);
    const rows = read(doc, expected.url).rows;
    expect(rows.map((r) => r.metrics.conversionValue)).toEqual([16440.12, 38211.9, 0]);
  });

  it('never stores "—", percentages or "All conv." as base metrics', () => {
    const en = fixture('campaigns-en-usd');
    const paused = read(en.doc, en.expected.url).rows.find((r) => r.entityId === '21007745310');
    expect(paused?.metrics).toEqual({
      spend: 0,
      impressions: 0,
      clicks: 0,
      conversions: 0,
      conversionValue: 0,
    });

    const gb = fixture('campaigns-page2-en-gb-usd');
    const youtube = read(gb.doc, gb.expected.url).rows.find((r) => r.entityId === '20611050127');
    expect(youtube?.metrics.conversions).toBe(0); // "All conv." shows 2.00 on that row
  });

  it('takes the id from the link of the level being read, not from the parent campaign link', () => {
    const { doc, expected } = fixture('adgroups-de-eur');
    expect(read(doc, expected.url).rows.map((r) => r.entityId)).toEqual([
      '154220987311',
      '154220987355',
      '154220987402',
    ]);
  });

  it('treats a bare "$" as an assumption, and prefers the account currency the user set', () => {
    const { doc, expected } = fixture('campaigns-en-usd');
    const assumed = read(doc, expected.url).context;
    expect([assumed.currency, assumed.currencySource]).toEqual(['USD', 'assumed']);
    const set = read(doc, expected.url, (id) => (id === '412-558-0917' ? 'CAD' : null)).context;
    expect([set.currency, set.currencySource]).toEqual(['CAD', 'account-setting']);
  });

  it('reports a missing date range or account as partial, not as a guess', () => {
    const { doc, expected } = fixture('adgroups-de-eur');
    doc.querySelector('material-date-range-picker')?.remove();
    doc.querySelector('account-ids')?.remove();
    const reading = read(doc, expected.url);
    expect([reading.context.accountId, reading.context.dateStart]).toEqual([null, null]);
    expect(reading.health).toEqual({ status: 'partial', missing: ['account id', 'date range'] });
    expect(reading.rows).toHaveLength(3);
  });

  it('is not recognised while every number is still "—"', () => {
    const { doc, expected } = fixture('keywords-vi-vnd');
    for (const cell of doc.querySelectorAll('[essfield^="stats."] div')) cell.textContent = '—';
    const reading = read(doc, expected.url);
    expect(reading.health.status).toBe('not-recognised');
    expect(reading.rows).toEqual([]);
  });

  it('reads the pagination total only when it is exact', () => {
    const total = (text: string) =>
      readGooglePageTotal(
        parseDocument(
          `<pagination-bar><div><div aria-hidden="true">${text}</div></div></pagination-bar>`,
          'https://ads.google.com/aw/campaigns',
        ),
      );
    expect(total('1 - 50 of 1,234')).toBe(1234);
    expect(total('51 – 100 von 120')).toBe(120);
    expect(total('1 - 50 of about 2,000')).toBeNull();
    expect(total('Rows per page')).toBeNull();
  });

  it('is not recognised on a report URL without a table', () => {
    const url = 'https://ads.google.com/aw/campaigns?ocid=1';
    const doc = parseDocument(
      '<html lang="en"><body><account-ids><div>123-456-7890 X</div></account-ids></body></html>',
      url,
    );
    expect(read(doc, url).health.status).toBe('not-recognised');
  });
});

describe.runIf(realPagesAvailable())(`real saved Google pages at ${REAL_PAGES_DIR}`, () => {
  const pages = listRealPages('google');

  it('includes the 2021 keywords page', () => {
    expect(pages.map((p) => p.name)).toContain('google-ads-keywords-2021');
  });

  describe.each(pages.map((p) => [p.name, p] as const))('%s', (_name, file) => {
    const { html, expected } = loadFixture(file);

    it('reads exactly as its JSON (1 keyword; the segment and both summary rows excluded)', () => {
      const reading = readFixture(googleAdapter, html, expected.url);
      expect(expectedVsReading(expected, reading)).toEqual([]);
      expect(reading.rows).toHaveLength(expected.entities.length);
      expect(reading.health).toEqual({ status: 'recognised' });
    });

    it('reads the same with every class attribute stripped', () => {
      const reading = readFixture(googleAdapter, html, expected.url, { stripClasses: true });
      expect(expectedVsReading(expected, reading)).toEqual([]);
    });

    it('keeps the bare "$" an assumption, so nothing stores it as the currency', () => {
      const reading = readFixture(googleAdapter, html, expected.url);
      expect(reading.context.currency === null || reading.context.currencySource === 'assumed').toBe(true);
      const stored = snapshotsOf(reading, 0);
      expect(Array.isArray(stored) && stored.every((s) => s.currency === expected.currency)).toBe(true);
    });
  });
});

describe.runIf(!realPagesAvailable())(
  `real Google pages absent at ../shared/real-pages (looked in ${REAL_PAGES_DIR}): the real-page checks did not run`,
  () => {
    it('says so', () => {
      console.warn(
        `KPI Lens: the real saved Google page was not found at ${REAL_PAGES_DIR}; only fixtures were read.`,
      );
      expect(realPagesAvailable()).toBe(false);
    });
  },
);
