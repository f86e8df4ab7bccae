/**
 * Shared loader for DOM fixtures of every platform adapter.
 *
 * A fixture is `test/fixtures/<platform>/<name>.html` plus `<name>.json`, the expected reading, in the same JSON
 * format as the real saved pages (`../shared/real-pages/*.json`): `url, platform, account_id, account_name, level,
 * date_start, date_end` (inclusive), `currency`, `entities[]` with `entity_id, entity_name, spend, impressions,
 * reach, clicks, conversions, conversion_value, roas` (null = not shown; roas as CONTRACTS.md: shown, else value ÷ spend). Optional keys this loader also checks
 * when present: entity `leads`, `result_type`, `click_kind`, `other.results`, `other.result_type`, `optional`,
 * `days[]` (`date`, `spend`, `impressions`, `clicks`, `conversions`, optional `conversion_value`; without it
 * the row must have no days);
 * top-level `health` ('recognised' | 'partial' | 'not-recognised'), `missing[]`, `coverage {read,total}`,
 * `reason_includes`. Every other key (totals, notes, raw…) is documentation.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import type { EntityRow, Metrics, TableReading } from '@/lib/model';
import type { PlatformAdapter, ReadOptions } from '@/lib/platforms/types';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, '..', '..');
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');
/** The real saved pages live beside the repository and are never copied into it. */
export const REAL_PAGES_DIR = process.env.KPI_LENS_REAL_PAGES
  ? resolve(process.env.KPI_LENS_REAL_PAGES)
  : resolve(REPO_ROOT, '..', 'shared', 'real-pages');

export interface ExpectedEntity {
  entity_id: string | null;
  entity_name: string | null;
  spend: number | null;
  impressions: number | null;
  reach?: number | null;
  clicks: number | null;
  conversions: number | null;
  conversion_value: number | null;
  roas: number | null;
  leads?: number | null;
  result_type?: string | null;
  click_kind?: string | null;
  other?: { results?: number | null; result_type?: string | null; [key: string]: unknown };
  /** May be read or left out; neither counts against the reader. */
  optional?: boolean;
  /**
   * The entity's days when the table is segmented by day, in order (null metric = not shown). Absent: the
   * reading must give the row no days.
   */
  days?: ExpectedDay[];
}

export interface ExpectedDay {
  date: string;
  spend: number | null;
  impressions: number | null;
  clicks: number | null;
  conversions: number | null;
  conversion_value?: number | null;
}

export interface ExpectedReading {
  url: string;
  platform: string;
  account_id: string | null;
  account_name: string | null;
  level: string | null;
  date_start: string | null;
  date_end: string | null;
  currency: string | null;
  entities: ExpectedEntity[];
  health?: 'recognised' | 'partial' | 'not-recognised';
  missing?: string[];
  coverage?: { read: number; total: number | null };
  reason_includes?: string;
  [extra: string]: unknown;
}

export interface FixtureFile {
  /** File name without extension, e.g. `campaigns-en-usd`. */
  name: string;
  htmlPath: string;
  jsonPath: string;
}

function pairsIn(dir: string): FixtureFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html') && existsSync(join(dir, f.replace(/\.html$/, '.json'))))
    .sort()
    .map((f) => ({
      name: f.replace(/\.html$/, ''),
      htmlPath: join(dir, f),
      jsonPath: join(dir, f.replace(/\.html$/, '.json')),
    }));
}

/** Every `<name>.html` with a `<name>.json` beside it in `test/fixtures/<platform>/`. */
export function listFixtures(platform: string): FixtureFile[] {
  return pairsIn(join(FIXTURES_DIR, platform));
}

export function realPagesAvailable(): boolean {
  return existsSync(REAL_PAGES_DIR);
}

/** The real saved pages whose JSON names this platform (empty when the folder is absent). */
export function listRealPages(platform: string): FixtureFile[] {
  return pairsIn(REAL_PAGES_DIR).filter((f) => loadFixture(f).expected.platform === platform);
}

/** Reads a fixture pair, given the pair or the path of its `.html` or `.json`. */
export function loadFixture(path: string | FixtureFile): { html: string; expected: ExpectedReading } {
  const htmlPath = typeof path === 'string' ? path.replace(/\.json$/, '.html') : path.htmlPath;
  const jsonPath = htmlPath.replace(/\.html$/, '.json');
  return {
    html: readFileSync(htmlPath, 'utf8'),
    expected: JSON.parse(readFileSync(jsonPath, 'utf8')) as ExpectedReading,
  };
}

export interface ReadFixtureOptions {
  /** Remove every `class` attribute first: adapters must not depend on the platforms' class names. */
  stripClasses?: boolean;
  /** The user's per-account currency setting; none by default. */
  accountCurrency?: ReadOptions['accountCurrency'];
}

/** The page as a browser would hold it at `url` (scripts are not run). */
export function parseDocument(html: string, url: string, { stripClasses = false } = {}): Document {
  const { document } = new JSDOM(html, { url }).window;
  if (stripClasses) for (const el of document.querySelectorAll('[class]')) el.removeAttribute('class');
  return document;
}

export function readFixture(
  adapter: PlatformAdapter,
  html: string,
  url: string,
  options: ReadFixtureOptions = {},
): TableReading {
  const document = parseDocument(html, url, options);
  return adapter.read(document, new URL(url), { accountCurrency: options.accountCurrency ?? (() => null) });
}

function sameNumber(expected: number | null | undefined, read: number | null | undefined): boolean {
  if (expected === null || expected === undefined) return read === null || read === undefined;
  if (read === null || read === undefined) return false;
  return Math.abs(expected - read) <= 1e-9 * Math.max(1, Math.abs(expected));
}

/** ROAS as CONTRACTS.md defines the column: as shown when the page shows it, else conversion value ÷ spend. */
export function roasOf(m: Metrics): number | undefined {
  if (m.roasShown !== undefined) return m.roasShown;
  if (m.conversionValue !== undefined && m.spend) return m.conversionValue / m.spend;
  return undefined;
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/**
 * Every difference between an expected reading and an adapter's reading, as readable lines; `[]` means they
 * agree. Use as `expect(expectedVsReading(expected, reading)).toEqual([])`.
 */
export function expectedVsReading(expected: ExpectedReading, reading: TableReading): string[] {
  const out: string[] = [];
  const { context, health } = reading;

  if (expected.health && health.status !== expected.health) {
    const why = health.status === 'not-recognised' ? ` (${health.reason})` : '';
    out.push(`health: expected ${expected.health}, read ${health.status}${why}`);
  }
  if (expected.reason_includes !== undefined) {
    const reason = health.status === 'not-recognised' ? health.reason : '';
    if (!reason.includes(expected.reason_includes))
      out.push(`health reason: expected to include ${show(expected.reason_includes)}, read ${show(reason)}`);
  }
  if (expected.missing) {
    const missing = health.status === 'partial' ? health.missing : [];
    if (JSON.stringify([...missing].sort()) !== JSON.stringify([...expected.missing].sort()))
      out.push(`health missing: expected ${show(expected.missing)}, read ${show(missing)}`);
  }
  if (expected.coverage) {
    const { read, total } = reading.coverage;
    if (read !== expected.coverage.read || total !== expected.coverage.total)
      out.push(`coverage: expected ${show(expected.coverage)}, read ${show({ read, total })}`);
  }

  // Nothing of a page that is not recognised is stored: only its rows (none) matter.
  if (!(expected.health === 'not-recognised' && health.status === 'not-recognised')) {
    const contextPairs: [string, unknown, unknown][] = [
      ['platform', expected.platform, context.platform],
      ['account_id', expected.account_id, context.accountId],
      ['account_name', expected.account_name, context.accountName],
      ['level', expected.level, context.level],
      ['date_start', expected.date_start, context.dateStart],
      ['date_end', expected.date_end, context.dateEnd],
    ];
    // An assumed currency is never stored, so it cannot be right or wrong against the page.
    if (context.currencySource !== 'assumed')
      contextPairs.push(['currency', expected.currency, context.currency]);
    for (const [key, want, got] of contextPairs) {
      if ((want ?? null) !== (got ?? null)) out.push(`${key}: expected ${show(want)}, read ${show(got)}`);
    }
  }

  const used = new Set<number>();
  for (const entity of expected.entities) {
    const label = entity.entity_id ?? `name ${show(entity.entity_name)}`;
    const index = reading.rows.findIndex((row, i) =>
      used.has(i)
        ? false
        : entity.entity_id !== null
          ? row.entityId === entity.entity_id
          : row.entityId === null && row.entityName === entity.entity_name,
    );
    if (index === -1) {
      if (!entity.optional) out.push(`${label}: row not read`);
      continue;
    }
    used.add(index);
    const row = reading.rows[index]!;
    const m = row.metrics;
    if ((entity.entity_name ?? null) !== row.entityName)
      out.push(`${label}: entity_name expected ${show(entity.entity_name)}, read ${show(row.entityName)}`);
    const numbers: [string, number | null | undefined, number | undefined][] = [
      ['spend', entity.spend, m.spend],
      ['impressions', entity.impressions, m.impressions],
      ['clicks', entity.clicks, m.clicks],
      ['conversions', entity.conversions, m.conversions],
      ['conversion_value', entity.conversion_value, m.conversionValue],
      ['roas', entity.roas, roasOf(m)],
    ];
    if ('reach' in entity) numbers.push(['reach', entity.reach, m.reach]);
    if ('leads' in entity) numbers.push(['leads', entity.leads, m.leads]);
    if (entity.other && 'results' in entity.other)
      numbers.push(['other.results', entity.other.results, m.results]);
    for (const [key, want, got] of numbers) {
      if (!sameNumber(want, got)) out.push(`${label}: ${key} expected ${show(want)}, read ${show(got)}`);
    }
    const texts: [string, unknown, unknown][] = [];
    if ('result_type' in entity) texts.push(['result_type', entity.result_type, row.resultType]);
    if (entity.other && 'result_type' in entity.other)
      texts.push(['other.result_type', entity.other.result_type, row.resultType]);
    if ('click_kind' in entity) texts.push(['click_kind', entity.click_kind, row.clickKind]);
    for (const [key, want, got] of texts) {
      if ((want ?? null) !== (got ?? null))
        out.push(`${label}: ${key} expected ${show(want)}, read ${show(got)}`);
    }
    out.push(...daysVsRow(label, entity.days ?? [], row.days ?? []));
  }
  reading.rows.forEach((row, i) => {
    if (!used.has(i)) out.push(`unexpected row ${show(row.entityId ?? row.entityName)}`);
  });
  return out;
}

/** Differences between an entity's expected days and the row's days, in order. */
function daysVsRow(label: string, expected: ExpectedDay[], read: NonNullable<EntityRow['days']>): string[] {
  const out: string[] = [];
  const dates = (days: { date: string }[]) => days.map((d) => d.date).join(', ');
  if (dates(expected) !== dates(read)) {
    out.push(`${label}: days expected [${dates(expected)}], read [${dates(read)}]`);
    return out;
  }
  expected.forEach((want, i) => {
    const m = read[i]!.metrics;
    const numbers: [string, number | null | undefined, number | undefined][] = [
      ['spend', want.spend, m.spend],
      ['impressions', want.impressions, m.impressions],
      ['clicks', want.clicks, m.clicks],
      ['conversions', want.conversions, m.conversions],
    ];
    if ('conversion_value' in want)
      numbers.push(['conversion_value', want.conversion_value, m.conversionValue]);
    for (const [key, w, got] of numbers)
      if (!sameNumber(w, got))
        out.push(`${label} ${want.date}: ${key} expected ${show(w)}, read ${show(got)}`);
  });
  return out;
}
