// @vitest-environment jsdom
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TableReading } from '@/lib/model';
import type { ReadOptions } from '@/lib/platforms/types';
import { googleAdapter, googleRowKind, readGooglePageTotal } from '@/lib/platforms/google';
import { snapshotsOf } from '@/lib/store/snapshots';

// Vitest runs from the repository root.
const FIXTURES = join(process.cwd(), 'test/fixtures/google/');
// The real saved pages live beside the repository, never in it (see the shared real-pages README).
const REAL_PAGES = join(process.cwd(), '../shared/real-pages/');

interface ExpectedEntity {
  entity_id: string | null;
  entity_name: string | null;
  spend: number | null;
  impressions: number | null;
  clicks: number | null;
  conversions: number | null;
  conversion_value: number | null;
  roas: number | null;
  reach?: number | null;
}
interface Expected {
  url: string;
  unsupported?: boolean;
  account_id: string | null;
  account_name: string | null;
  level: string | null;
  date_start: string | null;
  date_end: string | null;
  currency: string | null;
  entities: ExpectedEntity[];
  coverage?: { read: number; total: number | null };
}

const noSettings: ReadOptions = { accountCurrency: () => null };

function stripClasses(html: string): string {
  return html.replace(/\sclass="[^"]*"/g, '');
}

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function load(dir: string, name: string, transform: (html: string) => string = (h) => h) {
  const html = transform(readFileSync(`${dir}${name}.html`, 'utf8'));
  const expected = JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8')) as Expected;
  return { html, expected, doc: parse(html) };
}

function readFixture(doc: Document, expected: Expected, settings: ReadOptions = noSettings): TableReading {
  return googleAdapter.read(doc, new URL(expected.url), settings);
}

/** The reading as the fixture JSON writes it: absent metrics are null, ROAS is the one shown. */
function asExpected(reading: TableReading) {
  const c = reading.context;
  return {
    account_id: c.accountId,
    account_name: c.accountName,
    level: c.level,
    date_start: c.dateStart,
    date_end: c.dateEnd,
    // A bare "$" may be read as an assumed USD; the fixtures record it as unknown.
    currency: c.currencySource === 'assumed' ? null : c.currency,
    entities: reading.rows.map((r) => ({
      entity_id: r.entityId,
      entity_name: r.entityName,
      spend: r.metrics.spend ?? null,
      impressions: r.metrics.impressions ?? null,
      clicks: r.metrics.clicks ?? null,
      conversions: r.metrics.conversions ?? null,
      conversion_value: r.metrics.conversionValue ?? null,
      roas: r.metrics.roasShown ?? null,
      reach: r.metrics.reach ?? null,
    })),
  };
}

function expectedShape(e: Expected) {
  return {
    account_id: e.account_id,
    account_name: e.account_name,
    level: e.level,
    date_start: e.date_start,
    date_end: e.date_end,
    currency: e.currency,
    entities: e.entities.map((x) => ({
      entity_id: x.entity_id,
      entity_name: x.entity_name,
      spend: x.spend,
      impressions: x.impressions,
      clicks: x.clicks,
      conversions: x.conversions,
      conversion_value: x.conversion_value,
      roas: x.roas,
      reach: x.reach ?? null,
    })),
  };
}

const fixtureNames = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.slice(0, -5));
const supported = fixtureNames.filter((n) => !load(FIXTURES, n).expected.unsupported);
const unsupported = fixtureNames.filter((n) => load(FIXTURES, n).expected.unsupported);

describe('Google Ads fixtures', () => {
  it('has at least three report fixtures and one unsupported page', () => {
    expect(supported.length).toBeGreaterThanOrEqual(3);
    expect(unsupported.length).toBeGreaterThanOrEqual(1);
  });

  describe.each([
    ['as saved', (h: string) => h],
    ['with every class attribute stripped', stripClasses],
  ])('%s', (_variant, transform) => {
    it.each(supported)('%s reads exactly as its JSON', (name) => {
      const { doc, expected } = load(FIXTURES, name, transform);
      const reading = readFixture(doc, expected);
      expect(asExpected(reading)).toEqual(expectedShape(expected));
      expect(reading.health).toEqual({ status: 'recognised' });
      expect(reading.coverage.read).toBe(expected.entities.length);
      if (expected.coverage) expect(reading.coverage.total).toBe(expected.coverage.total);
    });

    it.each(unsupported)('%s is not recognised and stores nothing', (name) => {
      const { doc, expected } = load(FIXTURES, name, transform);
      expect(googleAdapter.detect(new URL(expected.url))).toBeNull();
      const reading = readFixture(doc, expected);
      expect(reading.health.status).toBe('not-recognised');
      expect(reading.rows).toEqual([]);
      expect(typeof snapshotsOf(reading, 0)).toBe('string');
    });
  });

  it.each(supported)('%s: summary and segment rows are found by structure, not by words', (name) => {
    const { doc, expected } = load(FIXTURES, name, stripClasses);
    const grid = googleAdapter.findTable(doc);
    expect(grid).not.toBeNull();
    const kinds = [...grid!.querySelectorAll('[role="row"]')].map(googleRowKind);
    expect(kinds.filter((k) => k === 'entity')).toHaveLength(expected.entities.length);
    expect(kinds.filter((k) => k === 'summary')).toHaveLength(2);
    expect(kinds[0]).toBe('header');
  });

  it('reads a column without essfield through its header text ("Conv. value")', () => {
    const { doc, expected } = load(FIXTURES, 'campaigns-en-usd');
    const header = [...doc.querySelectorAll('[role="columnheader"]')].find((h) =>
      h.textContent?.includes('Conv. value'),
    );
    expect(header?.hasAttribute('essfield')).toBe(false);
    const rows = readFixture(doc, expected).rows;
    expect(rows.map((r) => r.metrics.conversionValue)).toEqual([16440.12, 38211.9, 0]);
  });

  it('never stores "—", percentages or "All conv." as base metrics', () => {
    const en = load(FIXTURES, 'campaigns-en-usd');
    const paused = readFixture(en.doc, en.expected).rows.find((r) => r.entityId === '21007745310');
    expect(paused?.metrics).toEqual({
      spend: 0,
      impressions: 0,
      clicks: 0,
      conversions: 0,
      conversionValue: 0,
    });
    expect(paused && 'roasShown' in paused.metrics).toBe(false);

    const gb = load(FIXTURES, 'campaigns-page2-en-gb-usd');
    const youtube = readFixture(gb.doc, gb.expected).rows.find((r) => r.entityId === '20611050127');
    expect(youtube?.metrics.conversions).toBe(0); // "All conv." shows 2.00 on that row
  });

  it('takes the id from the link of the level being read, not from the parent campaign link', () => {
    const { doc, expected } = load(FIXTURES, 'adgroups-de-eur');
    const ids = readFixture(doc, expected).rows.map((r) => r.entityId);
    expect(ids).toEqual(['154220987311', '154220987355', '154220987402']);
  });

  it('treats a bare "$" as an assumption, and prefers the account currency the user set', () => {
    const { doc, expected } = load(FIXTURES, 'campaigns-en-usd');
    const assumed = readFixture(doc, expected).context;
    expect([assumed.currency, assumed.currencySource]).toEqual(['USD', 'assumed']);
    const set = readFixture(doc, expected, {
      accountCurrency: (id) => (id === '412-558-0917' ? 'CAD' : null),
    }).context;
    expect([set.currency, set.currencySource]).toEqual(['CAD', 'account-setting']);
  });

  it('reports a missing date range or account as partial, not as a guess', () => {
    const { doc, expected } = load(FIXTURES, 'adgroups-de-eur');
    doc.querySelector('material-date-range-picker')?.remove();
    doc.querySelector('account-ids')?.remove();
    const reading = readFixture(doc, expected);
    expect(reading.context.dateStart).toBeNull();
    expect(reading.context.accountId).toBeNull();
    expect(reading.health).toEqual({ status: 'partial', missing: ['account id', 'date range'] });
    expect(reading.rows).toHaveLength(3);
  });

  it('is not recognised while every number is still "—"', () => {
    const { doc, expected } = load(FIXTURES, 'keywords-vi-vnd');
    for (const cell of doc.querySelectorAll('[essfield^="stats."] div')) cell.textContent = '—';
    const reading = readFixture(doc, expected);
    expect(reading.health.status).toBe('not-recognised');
    expect(reading.rows).toEqual([]);
  });

  it('reads the pagination total only when it is exact', () => {
    const total = (text: string) =>
      readGooglePageTotal(
        parse(`<pagination-bar><div><div aria-hidden="true">${text}</div></div></pagination-bar>`),
      );
    expect(total('1 - 50 of 1,234')).toBe(1234);
    expect(total('51 – 100 von 120')).toBe(120);
    expect(total('1 - 50 of about 2,000')).toBeNull();
    expect(total('Rows per page')).toBeNull();
  });

  it('is not recognised on a report URL without a table', () => {
    const reading = googleAdapter.read(
      parse('<html lang="en"><body><account-ids><div>123-456-7890 X</div></account-ids></body></html>'),
      new URL('https://ads.google.com/aw/campaigns?ocid=1'),
      noSettings,
    );
    expect(reading.health.status).toBe('not-recognised');
  });
});

const realPagePresent = existsSync(`${REAL_PAGES}google-ads-keywords-2021.html`);
describe.skipIf(!realPagePresent)(
  realPagePresent
    ? 'real saved page google-ads-keywords-2021'
    : 'real saved page google-ads-keywords-2021 — not run: ../shared/real-pages is absent from this checkout',
  () => {
    it('reads exactly as its JSON (1 keyword; segment and summary rows excluded)', () => {
      const { doc, expected } = load(REAL_PAGES, 'google-ads-keywords-2021');
      const reading = readFixture(doc, expected);
      expect(asExpected(reading)).toEqual(expectedShape(expected));
      expect(reading.health).toEqual({ status: 'recognised' });
      expect(reading.rows).toHaveLength(1);
      expect(reading.coverage).toEqual({ read: 1, total: 1 });
    });

    it('reads the same with classes stripped', () => {
      const { doc, expected } = load(REAL_PAGES, 'google-ads-keywords-2021', stripClasses);
      expect(asExpected(readFixture(doc, expected))).toEqual(expectedShape(expected));
    });
  },
);
