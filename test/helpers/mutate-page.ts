/**
 * Mutations of a fixture page that keep what the page *means* (a row's numbers and id stay the same for a person
 * reading it, or a cell shows no number) while changing how it is built: columns shuffled with their headers,
 * cells removed or emptied, classes stripped or swapped for other elements' classes, text added to names,
 * numbers spaced with NBSP, thin space or narrow NBSP. An adapter reading a mutated page may lose a number
 * (unknown) or the whole page (not recognised), but must never read a number other than the original page's,
 * nor a row under another row's id: `wrongReadings` lists every such reading.
 *
 * Mutations draw from a seeded generator (`rng`), so a failing page is replayed from its seed.
 */
import type { EntityRow, Metrics, TableReading } from '@/lib/model';
import type { PlatformAdapter } from '@/lib/platforms/types';
import type { ExpectedDay, ExpectedEntity, ExpectedReading } from './fixtures';
import { seeded } from './seeded';
import { attachDeclarativeShadowRoots } from './shadow';

export type Rng = () => number;

/**
 * A cell of a row or of a header row, on every platform: table and ARIA grid cells, TikTok's `aria-colindex`
 * cells, Meta's per-cell `data-surface` wrappers and its role-less header cells (roving `tabindex="-1"`).
 */
const CELL_UNIT = [
  'th',
  'td',
  '[role="columnheader"]',
  '[role="gridcell"]',
  '[role="cell"]',
  '[role="rowheader"]',
  '[aria-colindex]',
  'span[data-surface*="/table_cell:"]',
  'div[tabindex="-1"]',
].join(', ');
/** What marks a header row: its cells are header cells (Meta's have a roving tabindex and an `aria-level` label). */
const HEADER_CELL = 'th, [role="columnheader"], [aria-sort], div[tabindex="-1"]';
/** Elements that are rows by themselves: all their element children are its cells (TikTok's are class-only). */
const ROW = 'tr, [role="row"], [data-row-key]';

/** The document and the content of every declarative shadow root (`<template>`) in it, nested ones too. */
function roots(doc: Document): ParentNode[] {
  const out: ParentNode[] = [doc];
  for (let i = 0; i < out.length; i++)
    for (const t of out[i]!.querySelectorAll('template')) out.push((t as HTMLTemplateElement).content);
  return out;
}

function queryAll(doc: Document, selector: string): Element[] {
  return roots(doc).flatMap((r) => [...r.querySelectorAll(selector)]);
}

export interface CellRow {
  parent: Element;
  cells: Element[];
  header: boolean;
}

/**
 * Every row (or row-like pane) with two or more cells as children that is not itself inside a cell. One query
 * per root, not a test per element: jsdom's selector matching is what the mutated pages' time goes to.
 */
export function cellRows(doc: Document): CellRow[] {
  const units = new Set(queryAll(doc, CELL_UNIT));
  const insideCell = (el: Element) => {
    for (let p: Element | null = el; p; p = p.parentElement) if (units.has(p)) return true;
    return false;
  };
  const byParent = new Map<Element, Element[]>();
  for (const row of queryAll(doc, ROW))
    byParent.set(
      row,
      [...row.children].filter((c) => c.tagName !== 'COL'),
    );
  for (const unit of units) {
    const parent = unit.parentElement;
    if (!parent || byParent.has(parent) || unit.tagName === 'COL') continue;
    byParent.set(
      parent,
      [...parent.children].filter((c) => units.has(c) && c.tagName !== 'COL'),
    );
  }
  const rows: CellRow[] = [];
  for (const [parent, cells] of byParent) {
    if (cells.length < 2 || (!parent.matches(ROW) && insideCell(parent))) continue;
    const header = cells.filter((c) => c.matches(HEADER_CELL) && isHeaderish(c)).length >= cells.length / 2;
    rows.push({ parent, cells, header });
  }
  return rows;
}

/** A `tabindex="-1"` element is a header cell only in a header row (Google's grid cells have one too). */
function isHeaderish(cell: Element): boolean {
  if (cell.matches('th, [role="columnheader"]')) return true;
  return !cell.matches('td, [role="gridcell"], [role="cell"], span[data-surface]');
}

/** A permutation of 0..n-1 (Fisher–Yates). */
function permutation(n: number, rng: Rng): number[] {
  const p = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/** Puts `cells[order[i]]` where `cells[i]` was (attributes, inline styles included, move with the cell). */
function reorder(cells: Element[], order: number[]): void {
  const marks = cells.map((cell) => {
    const mark = cell.ownerDocument.createComment('place');
    cell.replaceWith(mark);
    return mark;
  });
  marks.forEach((mark, i) => mark.replaceWith(cells[order[i]!]!));
}

/**
 * Grids that place cells by `aria-colindex` (TikTok's virtual table: one flat list of cells, no row elements):
 * a column moves by giving all its cells, header included, another index; header cells are put in the new
 * order in the document too.
 */
function shuffleByColindex(doc: Document, rng: Rng): string {
  const cells = queryAll(doc, '[aria-colindex]');
  const values = [...new Set(cells.map((e) => e.getAttribute('aria-colindex')!))].sort((a, b) => +a - +b);
  const order = permutation(values.length, rng);
  const moved = new Map(values.map((v, i) => [v, values[order[i]!]!]));
  for (const cell of cells)
    cell.setAttribute('aria-colindex', moved.get(cell.getAttribute('aria-colindex')!)!);
  for (const row of cellRows(doc).filter(
    (r) => r.header && r.cells.every((c) => c.hasAttribute('aria-colindex')),
  )) {
    const byIndex = [...row.cells].sort(
      (a, b) => +a.getAttribute('aria-colindex')! - +b.getAttribute('aria-colindex')!,
    );
    reorder(
      row.cells,
      byIndex.map((c) => row.cells.indexOf(c)),
    );
  }
  return `columns renumbered (${values.length} aria-colindex values)`;
}

/**
 * Shuffles whole columns: every header row and every row with as many cells as that header get the same
 * permutation, so a header stays over its cells. Rows with merged cells (a footer's `colspan`) and a few odd rows
 * (totals, a footer of slots) keep their order. A page whose entity rows line up with no header by count (Meta's
 * horizontally virtualised pane: 7 cells under a 12-column header, a row per entity) is left as it is: which
 * header cell is over which cell is then not known from the document order, so a shuffle could change what the
 * page says.
 */
export function shuffleColumns(doc: Document, rng: Rng, entityCount: number): string {
  if (queryAll(doc, '[aria-colindex]').length > 0) return shuffleByColindex(doc, rng);
  const rows = cellRows(doc).filter(
    (r) => r.cells.length > 2 && !r.cells.some((c) => Number(c.getAttribute('colspan') ?? 1) > 1),
  );
  const widths = new Set(rows.filter((r) => r.header).map((r) => r.cells.length));
  const unaligned = new Map<number, number>();
  for (const r of rows)
    if (!r.header && !widths.has(r.cells.length))
      unaligned.set(r.cells.length, (unaligned.get(r.cells.length) ?? 0) + 1);
  if ([...unaligned.values()].some((n) => n >= 3 || n >= entityCount))
    return 'columns not shuffled (entity rows line up with no header)';
  for (const width of widths) {
    const order = permutation(width, rng);
    for (const row of rows) if (row.cells.length === width) reorder(row.cells, order);
  }
  return `columns shuffled (widths ${[...widths].join(',')})`;
}

/** Removes `count` body cells chosen at random (never a header cell), or empties them (no text, or `—`). */
export function removeCells(doc: Document, rng: Rng, count: number, names: ReadonlySet<string>): string {
  const cells = cellRows(doc)
    .filter((r) => !r.header)
    .flatMap((r) => r.cells);
  const done: string[] = [];
  for (let i = 0; i < count && cells.length > 0; i++) {
    const [cell] = cells.splice(Math.floor(rng() * cells.length), 1);
    const label = cell!.getAttribute('data-surface')?.split('table_cell:')[1] ?? cell!.tagName.toLowerCase();
    const r = rng();
    // An emptied name cell would be a page that names the row `—` (read as shown, which is not a number).
    const named = [...names].some((n) => cell!.textContent?.includes(n));
    if (r < 0.6 || named) {
      cell!.remove();
      done.push(`${label} removed`);
    } else {
      // A cell still loading or with nothing to show: its value is unknown, never 0.
      for (const node of textNodesIn(cell!)) node.nodeValue = r < 0.8 ? '' : '—';
      done.push(`${label} emptied`);
    }
  }
  return `cells: ${done.join(', ')}`;
}

function textNodesIn(el: Element): Text[] {
  const out: Text[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** Strips or swaps class attributes: an adapter must not depend on the platforms' (build-hashed) class names. */
export function scrambleClasses(doc: Document, rng: Rng): string {
  const elements = queryAll(doc, '[class]');
  const pool = elements.map((el) => el.getAttribute('class')!);
  for (const el of elements) {
    const r = rng();
    if (r < 0.4) el.removeAttribute('class');
    else if (r < 0.7) el.setAttribute('class', pool[Math.floor(rng() * pool.length)]!);
    else if (r < 0.85) el.setAttribute('class', `x${Math.floor(rng() * 1e9).toString(36)}`);
  }
  return 'classes stripped / swapped';
}

/** Text people put in names, or that looks like a value: numbers, money, markers, RTL, emoji, invisible marks. */
const NAME_JUNK = [
  '1,234.56',
  '$99',
  '12,5 %',
  '—',
  '-',
  '(3)',
  'USD',
  '€ 40',
  '2026-11-01',
  '🚀',
  'حملة',
  '\u200e',
  '\u200b',
  '=SUM(A1)',
  '"quoted"',
  '<b>',
  '\u00a0',
];

/** The text nodes of the document and of its shadow templates. */
function textNodes(doc: Document): Text[] {
  const out: Text[] = [];
  for (const root of roots(doc)) {
    const walker = doc.createTreeWalker(root as Node, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  }
  return out;
}

/**
 * Adds text before or after some entity names (wherever the name is written: the cell, a tooltip's text). The
 * renamed entities are returned so a name-keyed row can still be matched.
 */
export function injectIntoNames(
  doc: Document,
  rng: Rng,
  entities: readonly ExpectedEntity[],
): Map<string, string> {
  const renamed = new Map<string, string>();
  const all = textNodes(doc);
  for (const entity of entities) {
    if (!entity.entity_name || rng() < 0.4) continue;
    const junk = NAME_JUNK[Math.floor(rng() * NAME_JUNK.length)]!;
    const before = rng() < 0.5;
    const name = before ? `${junk} ${entity.entity_name}` : `${entity.entity_name} ${junk}`;
    const nodes = all.filter((n) => n.nodeValue?.trim() === entity.entity_name);
    for (const node of nodes) node.nodeValue = node.nodeValue!.replace(entity.entity_name, name);
    if (nodes.length > 0) renamed.set(entity.entity_name, name);
  }
  return renamed;
}

const SPACES = [' ', '\u00a0', '\u202f', '\u2009'];
const SPACE_RUN = /[ \u00a0\u202f\u2009]/g;

/**
 * Respaces numbers: each space in a text with digits becomes a space, NBSP, narrow NBSP or thin space, a
 * space may be put between a currency sign and the digits, and the text may be padded. Names are left alone
 * (`names`), since their text is not a number.
 */
export function oddSpacing(doc: Document, rng: Rng, names: ReadonlySet<string>): string {
  let changed = 0;
  const space = () => SPACES[Math.floor(rng() * SPACES.length)]!;
  const nodes = textNodes(doc);
  for (const node of nodes) {
    const text = node.nodeValue ?? '';
    if (!/\d/.test(text) || names.has(text.trim()) || rng() < 0.3) continue;
    let next = text.replace(SPACE_RUN, () => space());
    // `1,234.56` → `1 234.56`: digit groups set apart by a space instead of a mark, where the mark is surely a
    // group mark (both marks shown, the group one first, or one mark repeated).
    const group = groupMark(next);
    if (group && rng() < 0.4) {
      const sep = space();
      next = next.replace(new RegExp(`(\\d)\\${group}(?=\\d{3}(?!\\d))`, 'g'), `$1${sep}`);
    }
    // `$ 12.34`, `12,34 ₴` → `12,34₴`: the gap between a sign and the digits is a matter of style.
    if (rng() < 0.3)
      next = next.replace(/^([^\d\s\p{L}(−-]+)(\d)/u, (_m, sign: string, d: string) => sign + space() + d);
    if (rng() < 0.3) next = space() + next + space();
    if (next !== text) {
      node.nodeValue = next;
      changed++;
    }
  }
  return `${changed} numbers respaced`;
}

/** The mark that groups digits in `text` when nothing else can be meant (`1,234.56`, `1.234,56`, `1,234,567`). */
function groupMark(text: string): ',' | '.' | null {
  const number = /\d[\d.,]*\d/.exec(text)?.[0] ?? '';
  const commas = number.split(',').length - 1;
  const dots = number.split('.').length - 1;
  if (commas > 0 && dots > 0)
    return number.indexOf(',') < number.indexOf('.') ? (dots === 1 ? ',' : null) : commas === 1 ? '.' : null;
  if (commas >= 2) return ',';
  if (dots >= 2) return '.';
  return null;
}

export type MutationKind = 'shuffle' | 'remove' | 'classes' | 'names' | 'spacing';
export const MUTATION_KINDS: readonly MutationKind[] = ['shuffle', 'remove', 'classes', 'names', 'spacing'];

export interface Mutated {
  /** What was done, for the failure message. */
  steps: string[];
  /** Original name → name as the mutated page shows it. */
  renamed: Map<string, string>;
}

/** Applies `kinds` in a fixed order to `doc` (a copy of the fixture), drawing from `rng`. */
export function mutate(
  doc: Document,
  expected: ExpectedReading,
  kinds: readonly MutationKind[],
  rng: Rng,
): Mutated {
  const steps: string[] = [];
  let renamed = new Map<string, string>();
  const names = new Set(expected.entities.map((e) => e.entity_name ?? '').filter(Boolean));
  if (kinds.includes('shuffle')) steps.push(shuffleColumns(doc, rng, expected.entities.length));
  if (kinds.includes('remove')) steps.push(removeCells(doc, rng, 1 + Math.floor(rng() * 4), names));
  if (kinds.includes('classes')) steps.push(scrambleClasses(doc, rng));
  if (kinds.includes('spacing')) steps.push(oddSpacing(doc, rng, names));
  if (kinds.includes('names')) {
    renamed = injectIntoNames(doc, rng, expected.entities);
    steps.push(`names: ${[...renamed.values()].map((n) => JSON.stringify(n)).join(', ')}`);
  }
  return { steps, renamed };
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

function sameNumber(want: number, got: number): boolean {
  return Math.abs(want - got) <= 1e-9 * Math.max(1, Math.abs(want));
}

/** The metrics an expected entity states, with the reading's name for each. */
function statedNumbers(
  entity: ExpectedEntity,
  m: Metrics,
): [string, number | null | undefined, number | undefined][] {
  const pairs: [string, number | null | undefined, number | undefined][] = [
    ['spend', entity.spend, m.spend],
    ['impressions', entity.impressions, m.impressions],
    ['clicks', entity.clicks, m.clicks],
    ['conversions', entity.conversions, m.conversions],
    ['conversion_value', entity.conversion_value, m.conversionValue],
    // As shown only: a ROAS derived from value ÷ spend is not a number the page shows.
    ['roas', entity.roas, m.roasShown],
  ];
  if ('reach' in entity) pairs.push(['reach', entity.reach, m.reach]);
  if ('leads' in entity) pairs.push(['leads', entity.leads, m.leads]);
  if (entity.other && 'results' in entity.other) pairs.push(['results', entity.other.results, m.results]);
  return pairs;
}

/** The expected entity a read row stands for: by id, or by its name (as shown) where the page gives no id. */
function entityOf(
  expected: ExpectedReading,
  row: TableReading['rows'][number],
  renamed: ReadonlyMap<string, string>,
): ExpectedEntity | undefined {
  if (row.entityId !== null) return expected.entities.find((e) => e.entity_id === row.entityId);
  return expected.entities.find(
    (e) =>
      e.entity_id === null &&
      e.entity_name !== null &&
      (row.entityName === e.entity_name || row.entityName === renamed.get(e.entity_name)),
  );
}

/**
 * Every reading of a mutated page that is wrong against the original page's expected reading: a number other
 * than the original's (an unknown number, `undefined`, is never wrong), a row whose id or name the original
 * does not have, a row read twice, a context value (account, level, dates, currency named on the page) other
 * than the original's or unknown, or rows read from a page that is not a report.
 */
export function wrongReadings(
  expected: ExpectedReading,
  reading: TableReading,
  renamed: ReadonlyMap<string, string>,
): string[] {
  const out: string[] = [];
  if (expected.health === 'not-recognised') {
    if (reading.health.status !== 'not-recognised' || reading.rows.length > 0)
      out.push(
        `a page that is not a report was read (${reading.health.status}, ${reading.rows.length} rows)`,
      );
    return out;
  }
  if (reading.health.status === 'not-recognised') {
    if (reading.rows.length > 0) out.push(`not recognised, yet ${reading.rows.length} rows`);
    return out;
  }
  const { context } = reading;
  const contextPairs: [string, unknown, unknown][] = [
    ['platform', expected.platform, context.platform],
    ['account_id', expected.account_id, context.accountId],
    ['level', expected.level, context.level],
    ['date_start', expected.date_start, context.dateStart],
    ['date_end', expected.date_end, context.dateEnd],
  ];
  if (context.currencySource === 'page' || context.currencySource === 'account')
    contextPairs.push(['currency', expected.currency, context.currency]);
  for (const [key, want, got] of contextPairs)
    if (got !== null && got !== undefined && got !== want)
      out.push(`${key}: expected ${show(want)} or unknown, read ${show(got)}`);

  const seen = new Set<string>();
  for (const row of reading.rows) {
    const key = row.entityId ?? `name ${row.entityName}`;
    if (seen.has(key)) out.push(`row ${key} read twice`);
    seen.add(key);
    const entity = entityOf(expected, row, renamed);
    if (!entity) {
      out.push(`row ${show(key)} is not a row of the page`);
      continue;
    }
    const original = entity.entity_name ?? '';
    const collapse = (s: string) => s.replace(/[\s\u00a0\u202f\u2009\u200b\u200e]+/g, ' ').trim();
    if (row.entityName !== null && original && !collapse(row.entityName).includes(collapse(original)))
      out.push(`${key}: name ${show(row.entityName)} is not ${show(original)}`);
    for (const [metric, want, got] of statedNumbers(entity, row.metrics)) {
      if (got === undefined) continue;
      if (want === null || want === undefined || !sameNumber(want, got))
        out.push(`${key}: ${metric} expected ${show(want)} or unknown, read ${show(got)}`);
    }
    out.push(...wrongDays(key, entity.days ?? [], row.days ?? []));
  }
  return out;
}

/** A day the original does not give the entity, or a day's number other than the original's (unknown is fine). */
function wrongDays(key: string, expected: ExpectedDay[], read: NonNullable<EntityRow['days']>): string[] {
  const out: string[] = [];
  for (const day of read) {
    const want = expected.find((d) => d.date === day.date);
    if (!want) {
      out.push(`${key}: day ${day.date} is not a day of the page`);
      continue;
    }
    const pairs: [string, number | null | undefined, number | undefined][] = [
      ['spend', want.spend, day.metrics.spend],
      ['impressions', want.impressions, day.metrics.impressions],
      ['clicks', want.clicks, day.metrics.clicks],
      ['conversions', want.conversions, day.metrics.conversions],
    ];
    for (const [metric, w, got] of pairs) {
      if (got === undefined) continue;
      if (w === null || w === undefined || !sameNumber(w, got))
        out.push(`${key} ${day.date}: ${metric} expected ${show(w)} or unknown, read ${show(got)}`);
    }
    const others = Object.keys(day.metrics).filter(
      (k) => !['spend', 'impressions', 'clicks', 'conversions'].includes(k),
    );
    if (others.length && !('conversion_value' in want))
      out.push(`${key} ${day.date}: read ${others.join(', ')} the page does not show`);
  }
  return out;
}

/** How many of the expected numbers a reading got exactly (to show the property does not pass by reading nothing). */
export function exactCount(
  expected: ExpectedReading,
  reading: TableReading,
  renamed: ReadonlyMap<string, string>,
): number {
  let n = 0;
  for (const row of reading.rows) {
    const entity = entityOf(expected, row, renamed);
    if (!entity) continue;
    for (const [, want, got] of statedNumbers(entity, row.metrics))
      if (got !== undefined && want !== null && want !== undefined && sameNumber(want, got)) n++;
  }
  return n;
}

/** A fixture parsed once; each mutated page is a deep copy of it. */
export interface ParsedFixture {
  name: string;
  url: string;
  doc: Document;
  expected: ExpectedReading;
}

export interface MutatedPageOutcome {
  wrong: string[];
  exact: number;
  recognised: boolean;
  steps: string[];
}

/** Copies the fixture, mutates the copy, attaches its declarative shadow roots as Chromium would, and reads it. */
export function readMutated(
  adapter: PlatformAdapter,
  fixture: ParsedFixture,
  kinds: readonly MutationKind[],
  seed: number,
): MutatedPageOutcome {
  const doc = fixture.doc.cloneNode(true) as Document;
  const { steps, renamed } = mutate(doc, fixture.expected, kinds, seeded(seed));
  attachDeclarativeShadowRoots(doc);
  const reading = adapter.read(doc, new URL(fixture.url), { accountCurrency: () => null });
  return {
    wrong: wrongReadings(fixture.expected, reading, renamed),
    exact: exactCount(fixture.expected, reading, renamed),
    recognised: reading.health.status !== 'not-recognised',
    steps,
  };
}
