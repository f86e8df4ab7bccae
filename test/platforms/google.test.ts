import { describe, expect, it } from 'vitest';
import { googleAdapter, googleRowKind, readGooglePageTotal } from '@/lib/platforms/google';
import type { ReadOptions } from '@/lib/platforms/types';
import { snapshotsOf } from '@/lib/store/snapshots';
import type { Snapshot } from '@/lib/model';
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

/**
 * A later Google release as the research describes it (2026 §1.3): every custom tag renamed (`ess-cell`,
 * `pagination-bar`, `tooltip` … each to a name no code knows) and, with `stripKeys`, no `essfield` either.
 */
function asAnotherRelease(doc: Document, { stripKeys = false } = {}): Document {
  const win = doc.defaultView!;
  const names = new Map<string, string>();
  for (const el of [...doc.querySelectorAll('*')].reverse()) {
    if (stripKeys) el.removeAttribute('essfield');
    const tag = el.tagName.toLowerCase();
    if (!tag.includes('-') && !(el instanceof win.HTMLUnknownElement)) continue;
    if (!names.has(tag)) names.set(tag, `zq${names.size}-r${(names.size * 7919) % 1000}`);
    const renamed = doc.createElement(names.get(tag)!);
    for (const attr of el.attributes) renamed.setAttribute(attr.name, attr.value);
    renamed.append(...el.childNodes);
    el.replaceWith(renamed);
  }
  return doc;
}

const readAsAnotherRelease = (html: string, url: string, stripKeys = false) =>
  read(asAnotherRelease(parseDocument(html, url, { stripClasses: true }), { stripKeys }), url);

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
const notRecognised = fixtures.filter((f) => loadFixture(f).expected.health === 'not-recognised');
/** Pages that are not reports at all, and report pages whose table cannot be read. */
const unsupported = notRecognised.filter((f) => !googleAdapter.detect(new URL(loadFixture(f).expected.url)));
const unreadable = notRecognised.filter((f) => googleAdapter.detect(new URL(loadFixture(f).expected.url)));

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
  it('has report fixtures (two obfuscated, in two UI languages), an unsupported and an unreadable page', () => {
    expect(reports.length).toBeGreaterThanOrEqual(5);
    expect(unsupported.length).toBeGreaterThanOrEqual(1);
    expect(unreadable.length).toBeGreaterThanOrEqual(1);
    const obfuscated = reports.filter((f) => f.name.includes('obfuscated'));
    const languages = obfuscated.map((f) =>
      parseDocument(loadFixture(f).html, 'https://ads.google.com/').documentElement.lang.slice(0, 2),
    );
    expect(new Set(languages).size).toBeGreaterThanOrEqual(2);
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

    it('reads the same with classes stripped and every custom tag renamed', () => {
      expect(expectedVsReading(expected, readAsAnotherRelease(html, expected.url))).toEqual([]);
    });

    it('is detected exactly when it is a report page, and stores only when its table is read', () => {
      const detected = googleAdapter.detect(new URL(expected.url));
      const stored = snapshotsOf(readFixture(googleAdapter, html, expected.url), 0);
      if (expected.health === 'not-recognised') {
        if (unsupported.includes(file)) expect(detected).toBeNull();
        else expect(detected?.level).toBe(expected.level);
        expect(typeof stored).toBe('string');
      } else {
        expect(detected?.level).toBe(expected.level);
        // One row per entity for the range, and one per entity and day of a table segmented by day.
        const days = expected.entities.reduce((n, e) => n + (e.days?.length ?? 0), 0);
        expect(Array.isArray(stored) && stored.length).toBe(expected.entities.length + days);
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
    expect([set.currency, set.currencySource]).toEqual(['CAD', 'account']);
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

  it.each(reports.map((f) => f.name))(
    '%s reads the same with no essfield at all (header text and position only)',
    (name) => {
      const { html, expected } = fixture(name);
      expect(expectedVsReading(expected, readAsAnotherRelease(html, expected.url, true))).toEqual([]);
    },
  );

  it('the obfuscated fixtures carry no essfield and none of the original classes or custom tags', () => {
    for (const name of ['campaigns-obfuscated-en-usd', 'adgroups-obfuscated-de-eur']) {
      const { doc } = fixture(name);
      expect(doc.querySelector('[essfield]'), name).toBeNull();
      for (const hint of [
        'ess-cell',
        'pagination-bar',
        'material-date-range-picker',
        'account-ids',
        'mat-checkbox',
      ])
        expect(doc.querySelector(hint), `${name}: ${hint}`).toBeNull();
      for (const cls of [
        'particle-table-row',
        'ess-cell-ellipsis',
        'particle-table-header-cell',
        'account-info',
      ])
        expect(doc.querySelector(`.${cls}`), `${name}: .${cls}`).toBeNull();
    }
  });

  /** The obfuscated campaigns page, with `edit` applied to its header row and its entity rows. */
  function obfuscatedWith(edit: (header: Element, rows: Element[], doc: Document) => void) {
    const { doc, expected } = fixture('campaigns-obfuscated-en-usd');
    const grid = googleAdapter.findTable(doc)!;
    const all = [...grid.querySelectorAll('[role="row"]')];
    edit(
      all.find((r) => googleRowKind(r) === 'header')!,
      all.filter((r) => googleRowKind(r) === 'entity'),
      doc,
    );
    return { reading: read(doc, expected.url), expected, doc };
  }
  const topCells = (row: Element, selector: string) =>
    [...row.querySelectorAll(selector)].filter((c) => !c.parentElement?.closest(selector));
  const headerIndex = (header: Element, text: string) =>
    topCells(header, '[role="columnheader"]').findIndex(
      (h) => h.querySelector('[role="presentation"]')?.childNodes[0]?.textContent === text,
    );

  it('matches header text exactly: without a "Cost" column, "Cost / conv." is never taken for it', () => {
    const { reading } = obfuscatedWith((header, rows) => {
      const i = headerIndex(header, 'Cost');
      expect(i).toBeGreaterThan(0);
      topCells(header, '[role="columnheader"]')[i]!.remove();
      for (const row of rows) topCells(row, '[role="gridcell"]')[i]!.remove();
    });
    expect(reading.rows.map((r) => r.metrics.spend)).toEqual([undefined, undefined, undefined]);
    expect(reading.rows.map((r) => r.metrics.clicks)).toEqual([9114, 5873, 0]);
    expect(reading.health).toEqual({ status: 'partial', missing: ['cost column'] });
  });

  it('leaves out a row whose cells do not line up with the header, instead of reading it shifted', () => {
    const { reading, expected } = obfuscatedWith((_header, rows) => {
      // The budget cell of the first row is gone (a column still loading): every later cell moved left.
      topCells(rows[0]!, '[role="gridcell"]')[3]!.remove();
    });
    expect(reading.rows.map((r) => r.entityId)).toEqual(['20481530771', '21007745310']);
    const rest = {
      ...expected,
      entities: expected.entities.slice(1),
      coverage: undefined,
      health: undefined,
    };
    expect(expectedVsReading(rest, reading)).toEqual([]);
    expect(reading.health).toEqual({
      status: 'partial',
      missing: ['1 row not lined up with the headers', 'rows: read 2 of 3'],
    });
  });

  it('with essfield, a row that does not line up keeps its keyed cells and loses only the unkeyed one', () => {
    const { doc, expected } = fixture('campaigns-en-usd');
    const first = doc.querySelector('[essfield="campaign_budget.amount"][role="gridcell"]')!;
    first.remove();
    const row = read(doc, expected.url).rows[0]!;
    // "Conv. value" has no essfield: by position it would now read the next cell ($64.07): it is unknown.
    expect(row.metrics).toEqual({
      spend: 12077.05,
      impressions: 402551,
      clicks: 9114,
      conversions: 188.5,
      roasShown: 1.36,
    });
  });

  it('two columns with the same header settle nothing: that metric is unknown and the panel says why', () => {
    const { reading } = obfuscatedWith((header) => {
      const label = header.querySelectorAll('[role="columnheader"]')[headerIndex(header, 'Impr.')]!;
      label.querySelector('[role="presentation"]')!.childNodes[0]!.textContent = 'Clicks';
    });
    expect(reading.rows.map((r) => [r.metrics.impressions, r.metrics.clicks])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
    expect(reading.rows[0]!.metrics.spend).toBe(12077.05);
    expect(reading.health).toEqual({
      status: 'partial',
      missing: ['columns with the same header: "Clicks"'],
    });
  });

  it('is not recognised, with the reason and no rows, when two headers name the campaigns', () => {
    const { reading, doc } = obfuscatedWith((header) => {
      const label = header.querySelectorAll('[role="columnheader"]')[headerIndex(header, 'Status')]!;
      label.querySelector('[role="presentation"]')!.childNodes[0]!.textContent = 'Campaign';
    });
    expect(reading.health).toEqual({
      status: 'not-recognised',
      reason: expect.stringContaining('more than one column header names the campaigns') as string,
    });
    expect(reading.rows).toEqual([]);
    expect(googleAdapter.rowAnchors!(doc)).toEqual([]);
  });

  it('is not recognised when the name column is known but no metric header is', () => {
    const { reading } = obfuscatedWith((header) => {
      for (const h of topCells(header, '[role="columnheader"]').slice(3)) {
        const text = h.querySelector('[role="presentation"]')?.childNodes[0];
        if (text) text.textContent = `${text.textContent} (2024)`;
      }
    });
    expect(reading.health.status).toBe('not-recognised');
    expect(reading.health.status === 'not-recognised' && reading.health.reason).toContain(
      'no column header is a metric it knows',
    );
    expect(reading.rows).toEqual([]);
  });

  it.each(unreadable.map((f) => f.name))(
    '%s: not recognised, the reason names the missing column and the headers seen; no rows, no anchors, nothing stored',
    (name) => {
      const { doc, expected } = fixture(name);
      const reading = read(doc, expected.url);
      expect(reading.health.status).toBe('not-recognised');
      const reason = reading.health.status === 'not-recognised' ? reading.health.reason : '';
      expect(reason).toContain('"Campaign" column');
      expect(reason).toContain('headers seen: "キャンペーン"');
      expect(reason.length).toBeLessThanOrEqual(500);
      expect(reading.rows).toEqual([]);
      expect(googleAdapter.findTable(doc)).toBeNull();
      expect(googleAdapter.rowAnchors!(doc)).toEqual([]);
      expect(snapshotsOf(reading, 0)).toBe(`Not recognised: ${reason}`);
    },
  );

  it('finds the pagination total without its tag only where the label and the text agree', () => {
    const url = 'https://ads.google.com/aw/campaigns';
    const total = (html: string) => readGooglePageTotal(parseDocument(html, url));
    expect(total('<div aria-label="1 to 50 of 120"><div aria-hidden="true">1 - 50 of 120</div></div>')).toBe(
      120,
    );
    expect(
      total('<div aria-label="1 to 2 of about 2"><div aria-hidden="true">1 - 1 of 1</div></div>'),
    ).toBeNull();
    // A date with the same shape, with no such label.
    expect(total('<div aria-label="Zeitraum"><div>1 – 30 Okt. 2025</div></div>')).toBeNull();
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

/**
 * The real saved pages are always beside the repository for this project: without them this block fails
 * (a run that read fixtures only must not pass as if the real page had been read).
 */
describe(`real saved Google pages at ${REAL_PAGES_DIR}`, () => {
  const pages = listRealPages('google');

  it('the real-pages folder is present and includes the 2021 keywords page', () => {
    expect(
      realPagesAvailable(),
      `The real saved pages were not found at ${REAL_PAGES_DIR}: they belong beside the repository (../shared/real-pages), or set KPI_LENS_REAL_PAGES.`,
    ).toBe(true);
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

    it('reads the same with classes stripped and every custom tag renamed, with or without essfield', () => {
      expect(expectedVsReading(expected, readAsAnotherRelease(html, expected.url))).toEqual([]);
      expect(expectedVsReading(expected, readAsAnotherRelease(html, expected.url, true))).toEqual([]);
    });

    it('stores a bare "$" only as an assumption, marked so (the page names no currency)', () => {
      const reading = readFixture(googleAdapter, html, expected.url);
      expect(reading.context.currency === null || reading.context.currencySource === 'assumed').toBe(true);
      expect(expected.currency).toBeNull(); // what the page itself states
      const stored = snapshotsOf(reading, 0);
      expect(Array.isArray(stored) && stored.length > 0).toBe(true);
      for (const s of stored as Snapshot[])
        expect([s.currency, s.currencySource]).toEqual(
          reading.context.currency === null ? [null, null] : [reading.context.currency, 'assumed'],
        );
    });
  });
});

describe('Google tables segmented by day', () => {
  const segmentLabels = (doc: Document) => [...doc.querySelectorAll('segmentation-cell')];
  const daysOf = (doc: Document, url: string) =>
    read(doc, url).rows.map((r) => [r.entityId, (r.days ?? []).map((d) => d.date)]);

  it('reads one day per segment row under each entity, and none of the summary rows’ days', () => {
    const { doc, expected } = fixture('campaigns-by-day-en-usd');
    expect(daysOf(doc, expected.url)).toEqual([
      ['20493377102', ['2025-11-24', '2025-11-25', '2025-11-26']],
      ['20481530771', ['2025-11-24', '2025-11-26']],
    ]);
    // 5 entity days, 3 more under the summary row: those belong to no entity.
    expect(segmentLabels(doc)).toHaveLength(8);
  });

  it('stores one snapshot per entity per day, each with that day as its range', () => {
    const { doc, expected } = fixture('adgroups-by-day-de-eur');
    const stored = snapshotsOf(read(doc, expected.url), 0);
    expect(Array.isArray(stored)).toBe(true);
    const days = (stored as Exclude<typeof stored, string>).filter((s) => s.dateStart === s.dateEnd);
    expect(days.map((s) => [s.entityKey, s.dateStart, s.metrics.spend, s.currency])).toEqual([
      ['154220987311', '2025-11-24', 1234.56, 'EUR'],
      ['154220987311', '2025-11-25', 987.1, 'EUR'],
      ['154220987311', '2025-11-26', 0, 'EUR'],
      ['154220987355', '2025-11-25', 305.4, 'EUR'],
      ['154220987355', '2025-11-26', 288.9, 'EUR'],
    ]);
  });

  it.each([
    ['device segments', ['Computers', 'Mobile phones', 'Tablets']],
    ['weeks', ['Week of Nov 24, 2025']],
    ['months', ['November 2025']],
    ['a day outside the range', ['Sun, Nov 23, 2025']],
  ])('reads no days at all with %s', (_what, labels) => {
    const { doc, expected } = fixture('campaigns-by-day-en-usd');
    segmentLabels(doc).forEach((cell, i) => (cell.textContent = labels[i % labels.length]!));
    expect(daysOf(doc, expected.url).every(([, days]) => days!.length === 0)).toBe(true);
    // The entity rows read as before.
    expect(read(doc, expected.url).rows.map((r) => r.metrics.spend)).toEqual(
      expected.entities.map((e) => e.spend),
    );
  });

  it('one label that is not a date, or a day twice under one entity, drops every day (all or nothing)', () => {
    const one = fixture('campaigns-by-day-en-usd');
    segmentLabels(one.doc)[1]!.textContent = 'Tue, Nov 25, 2025 (partial)';
    expect(daysOf(one.doc, one.expected.url).every(([, days]) => days!.length === 0)).toBe(true);
    const twice = fixture('campaigns-by-day-en-usd');
    segmentLabels(twice.doc)[1]!.textContent = 'Mon, Nov 24, 2025';
    expect(daysOf(twice.doc, twice.expected.url).every(([, days]) => days!.length === 0)).toBe(true);
  });

  it('without a known range no day is read', () => {
    const { doc, expected } = fixture('campaigns-by-day-en-usd');
    doc.querySelector('.button-text')!.textContent = 'Custom';
    expect(daysOf(doc, expected.url).every(([, days]) => days!.length === 0)).toBe(true);
  });

  it('reads the day labels in the page’s locale (numeric dates follow its day/month order)', () => {
    const { doc, expected } = fixture('adgroups-by-day-de-eur');
    const labels = ['24.11.2025', '25.11.2025', '26.11.2025', '25.11.2025', '26.11.2025'];
    segmentLabels(doc).forEach((cell, i) => (cell.textContent = labels[i] ?? '24.11.2025'));
    expect(daysOf(doc, expected.url)).toEqual([
      ['154220987311', ['2025-11-24', '2025-11-25', '2025-11-26']],
      ['154220987355', ['2025-11-25', '2025-11-26']],
    ]);
  });
});
