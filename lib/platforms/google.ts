import {
  entityKeyOf,
  type DaySegment,
  type EntityRow,
  type Level,
  type Metrics,
  type TableReading,
} from '../model';
import { parseDisplayedNumber } from '../read/number';
import { resolveCurrency, type CurrencyEvidence } from '../read/currency';
import { parseDateRangeText, type DateRange } from '../read/dates';
import { rowsMissingNote } from '../read/row-accumulator';
import { headerLanguages, lookupHeader, type ColumnConcept, type HeaderLookup } from '../read/headers';
import type { PlatformAdapter, ReadOptions, RowAnchor, UrlContext } from './types';

/**
 * Google Ads (ads.google.com/aw/…): the AngularDart "particle" table. Cells carry `essfield` keys (Google's
 * own column ids, the same in every UI language), rows are `[role=row]` in a `[role=grid]`; summary
 * ("Total: …") and segment rows sit between entity rows and are told apart by structure, not by classes.
 *
 * Google obfuscates class names per release and swaps its internal tag names (research 2026 §1.3), so
 * nothing here needs a class or a custom tag name (`ess-cell`, `pagination-bar` … are only tried first).
 * A cell without `essfield` is read through its column's header text (exact labels per UI language, so
 * "Cost / conv." is never "Cost") at the same position, and only in a row whose cells line up one for one
 * with the header's: a row that does not is left out rather than read shifted.
 */

const LEVEL_BY_PATH: Record<string, Level> = {
  campaigns: 'campaign',
  adgroups: 'adset',
  ads: 'ad',
  keywords: 'keyword',
};

/** Where a row's own name is, and which link parameter carries its id, per level. */
const ENTITY_FIELDS: Record<Level, { nameFields: readonly string[]; idParam: string | null }> = {
  account: { nameFields: ['customer_info.descriptive_name'], idParam: null },
  campaign: { nameFields: ['campaign_name'], idParam: 'campaignId' },
  adset: { nameFields: ['ad_group_name'], idParam: 'adGroupId' },
  // The ads view's cell keys are not documented publicly; an ad id is taken only from an explicit link.
  ad: { nameFields: ['ad', 'ad_name', 'ad_text', 'ad_group_ad.ad'], idParam: 'adId' },
  // Keyword rows carry no criterion id anywhere in the row: the keyword text is the only key.
  keyword: { nameFields: ['keyword_text'], idParam: null },
};

type MetricField =
  'spend' | 'impressions' | 'reach' | 'clicks' | 'conversions' | 'conversionValue' | 'roasShown';

/** `essfield` → metric; `null` marks a known column that feeds no base metric (never fall back for it). */
const METRIC_BY_ESSFIELD: Record<string, MetricField | null> = {
  'stats.cost': 'spend',
  'stats.impressions': 'impressions',
  'stats.clicks': 'clicks',
  'stats.conversions': 'conversions',
  'stats.conversion_value': 'conversionValue',
  'stats.conversions_value': 'conversionValue',
  'stats.conversion_value_per_cost': 'roasShown',
  // "All conv." counts other actions too: CONTRACTS.md says Conversions, so these never stand in.
  'stats.all_conversions': null,
  'stats.all_conversion_value': null,
  'stats.all_conversion_value_per_cost': null,
  'stats.view_through_conversions': null,
  'stats.cost_per_conversion': null,
  'stats.click_through_rate': null,
  'stats.cost_per_click': null,
  'stats.average_cpc': null,
  'stats.average_cpm': null,
  'stats.conversion_rate': null,
  'stats.interactions': null,
  'stats.interaction_rate': null,
};

const METRIC_BY_CONCEPT: Partial<Record<ColumnConcept, MetricField>> = {
  spend: 'spend',
  impressions: 'impressions',
  reach: 'reach',
  clicks: 'clicks',
  conversions: 'conversions',
  conversionValue: 'conversionValue',
  roas: 'roasShown',
};

const ACCOUNT_ID = /\b(\d{3}-\d{3}-\d{4})\b/;

function detect(url: URL): UrlContext | null {
  if (url.hostname !== 'ads.google.com') return null;
  const m = /^\/aw\/(campaigns|adgroups|ads|keywords)\/?$/.exec(url.pathname);
  if (!m) return null;
  // `ocid`, `__c`, `__u` are internal ids, not the customer id users know (123-456-7890): the page has it.
  return { level: LEVEL_BY_PATH[m[1]!]!, accountId: null, dateStart: null, dateEnd: null };
}

/** One header cell of the report grid, in column order. */
interface Column {
  essfield: string | null;
  /** The header's text as shown (for the user, when a column cannot be read). */
  text: string;
  /** What the text means on Google Ads; null when unknown, or when another header means the same. */
  lookup: HeaderLookup | null;
  ambiguous: boolean;
}

/** What the header row says about the grid, worked out once per read. */
interface Layout {
  columns: Column[];
  byEssfield: Map<string, Column>;
  /** The column naming this level's entities by its header text (one header only), else null. */
  nameIndex: number | null;
  /** Header texts of this level's name column, when more than one header claims it. */
  nameAmbiguous: boolean;
}

/** A row's own cells in column order (frozen and scrolling panes are nested wrappers), never a cell in a cell. */
function topLevel(row: Element, selector: string): Element[] {
  return [...row.querySelectorAll(selector)].filter((c) => !c.parentElement?.closest(selector));
}
const CELL = '[role="gridcell"], [essfield]';
const HEADER_CELL = '[role="columnheader"], [essfield]';

function headerRowOf(grid: Element): Element | null {
  for (const row of grid.querySelectorAll('[role="row"]')) {
    if (row.querySelector('[role="columnheader"]')) return row;
  }
  return null;
}

function conceptKey(lookup: HeaderLookup): string {
  return lookup.concept === 'name' ? `name:${lookup.level ?? 'any'}` : lookup.concept;
}

function layoutOf(grid: Element, level: Level): Layout {
  const header = headerRowOf(grid);
  const columns: Column[] = (header ? topLevel(header, HEADER_CELL) : []).map((th) => {
    const text = visibleText(th);
    return {
      essfield: th.getAttribute('essfield'),
      text,
      lookup: text ? lookupHeader('google', text) : null,
      ambiguous: false,
    };
  });
  // Two headers meaning the same thing ("Cost" twice): neither tells which cell is which.
  const seen = new Map<string, number>();
  for (const c of columns)
    if (c.lookup) seen.set(conceptKey(c.lookup), (seen.get(conceptKey(c.lookup)) ?? 0) + 1);
  for (const c of columns) {
    if (c.lookup && seen.get(conceptKey(c.lookup))! > 1) c.ambiguous = true;
  }
  const isName = (c: Column) =>
    c.lookup?.concept === 'name' && (c.lookup.level === level || c.lookup.level === null);
  const names = columns.flatMap((c, i) => (isName(c) ? [i] : []));
  const byEssfield = new Map<string, Column>();
  for (const c of columns) if (c.essfield) byEssfield.set(c.essfield, c);
  return {
    columns,
    byEssfield,
    nameIndex: names.length === 1 ? names[0]! : null,
    nameAmbiguous: names.length > 1,
  };
}

/** The metric a header's text names, unless the text is unknown or shared with another column. */
function metricOfColumn(column: Column | undefined): MetricField | null {
  if (!column?.lookup || column.ambiguous) return null;
  return METRIC_BY_CONCEPT[column.lookup.concept] ?? null;
}

function hasEssfieldCells(grid: Element): boolean {
  return grid.querySelector('[role="row"] [essfield]') !== null;
}

/** Readable by header text alone: one name column of this level and at least one metric column. */
function readableByText(layout: Layout): boolean {
  return layout.nameIndex !== null && layout.columns.some((c) => metricOfColumn(c) !== null);
}

/**
 * The report grid: the `[role=grid]` whose rows hold `essfield` cells, else one whose header texts name this
 * level's entities and a metric (the date picker's calendar is a grid too, and so are non-report tables).
 */
function findTable(root: Document): Element | null {
  const grids = [...root.querySelectorAll('[role="grid"]')];
  const keyed = grids.find(hasEssfieldCells);
  if (keyed) return keyed;
  const level = detect(new URL(root.URL))?.level;
  if (!level) return null;
  return grids.find((grid) => readableByText(layoutOf(grid, level))) ?? null;
}

/** The grid a user would call "the table" when none can be read: the one with the most column headers. */
function largestHeaderedGrid(root: Document): Element | null {
  let best: Element | null = null;
  let most = 0;
  for (const grid of root.querySelectorAll('[role="grid"]')) {
    const header = headerRowOf(grid);
    const count = header ? topLevel(header, HEADER_CELL).length : 0;
    if (count > most) [best, most] = [grid, count];
  }
  return best;
}

/** Nodes whose text is never what a user reads as the cell's value (icon ligatures, hidden help). */
const NOT_TEXT = 'i, material-icon, svg, style, script, template, tooltip, [aria-hidden="true"], [hidden]';

function visibleText(el: Element): string {
  let out = '';
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out += child.textContent ?? '';
      else if (child.nodeType === 1 && !(child as Element).matches(NOT_TEXT)) walk(child);
    }
  };
  walk(el);
  return out.replace(/\s+/g, ' ').trim();
}

/** The value node's text: the first leaf with text (a cell may add a comparison line or icons after it). */
function valueText(cell: Element): string {
  for (const el of cell.querySelectorAll('*')) {
    if (el.children.length > 0 || el.closest(NOT_TEXT)) continue;
    const text = visibleText(el);
    if (text) return text;
  }
  return visibleText(cell);
}

type RowKind = 'entity' | 'summary' | 'segment' | 'header' | 'other';

/**
 * Entity rows have a selection checkbox; segment rows a `segmentation_info` cell (and no checkbox); summary
 * rows ("Total: …", "Gesamt: …", "总计：…") a label element standing directly in the row in place of cells.
 * The label's wording is never needed, so this works in every UI language, with or without `essfield`.
 */
export function googleRowKind(row: Element): RowKind {
  if (row.querySelector('[role="columnheader"]')) return 'header';
  if (!row.querySelector(CELL)) return 'other';
  if (row.querySelector('[essfield="segmentation_info"], segmentation-cell')) return 'segment';
  for (const child of row.children) {
    if (!child.hasAttribute('role') && !child.hasAttribute('essfield') && visibleText(child))
      return 'summary';
  }
  // The tag names are hints only: the checkbox's role is what counts.
  if (!row.querySelector('[role="checkbox"], mat-checkbox, material-checkbox')) return 'other';
  return 'entity';
}

/**
 * A row's cells stand under the header's columns one for one: the same count, and no cell whose `essfield`
 * differs from its header's. Only then may a cell without `essfield` be read by its position.
 */
function linedUp(cells: Element[], layout: Layout, labelCell: Element | null = null): boolean {
  if (cells.length !== layout.columns.length) return false;
  return cells.every((cell, i) => {
    // A segment row's label (`segmentation_info`) stands where the header has the name column.
    const own = cell === labelCell ? null : cell.getAttribute('essfield');
    const header = layout.columns[i]!.essfield;
    return !own || !header || own === header;
  });
}

function metricFor(cell: Element, index: number, layout: Layout, aligned: boolean): MetricField | null {
  const essfield = cell.getAttribute('essfield');
  if (essfield && essfield in METRIC_BY_ESSFIELD) return METRIC_BY_ESSFIELD[essfield]!;
  if (essfield?.startsWith('stats.all_')) return null;
  // An unknown key: the header with the same key says what it is.
  if (essfield) return metricOfColumn(layout.byEssfield.get(essfield));
  // No key: the header at the same position, only in a row lined up with the header.
  return aligned ? metricOfColumn(layout.columns[index]) : null;
}

/** This level's name cell: by its key, else by the position of its header in a lined-up row. */
function nameCellOf(cells: Element[], level: Level, layout: Layout, aligned: boolean): Element | null {
  const { nameFields } = ENTITY_FIELDS[level];
  const keyed = cells.find((c) => nameFields.includes(c.getAttribute('essfield') ?? ''));
  if (keyed) return keyed;
  return aligned && layout.nameIndex !== null ? (cells[layout.nameIndex] ?? null) : null;
}

function idFromLinks(cell: Element, param: string): string | null {
  for (const a of cell.querySelectorAll('a[href]')) {
    try {
      const id = new URL(a.getAttribute('href')!, 'https://ads.google.com').searchParams.get(param);
      if (id && /^\d{1,20}$/.test(id)) return id;
    } catch {
      // An unparseable href carries no id.
    }
  }
  return null;
}

/** The metric cells of a row (all but `skip`, its name or segment label) into `metrics` and `evidence`. */
function readMetricCells(
  cells: Element[],
  skip: Element | null,
  layout: Layout,
  aligned: boolean,
  uiLocale: string | null,
  metrics: Metrics,
  evidence: CurrencyEvidence[],
): void {
  cells.forEach((cell, index) => {
    if (cell === skip) return;
    const field = metricFor(cell, index, layout, aligned);
    if (!field) return;
    const parsed = parseDisplayedNumber(valueText(cell), uiLocale);
    if (!parsed || parsed.percent) return;
    metrics[field] = parsed.value;
    if (field === 'spend' || field === 'conversionValue') {
      evidence.push({ currency: parsed.currency, ambiguousSymbol: parsed.ambiguousSymbol });
    }
  });
}

/** One entity row's reading; null when its cells cannot be told apart (not lined up, no key to go by). */
function readRow(
  row: Element,
  level: Level,
  layout: Layout,
  uiLocale: string | null,
): { row: EntityRow; evidence: CurrencyEvidence[] } | null {
  const metrics: Metrics = {};
  const evidence: CurrencyEvidence[] = [];
  const { idParam } = ENTITY_FIELDS[level];
  const cells = topLevel(row, CELL);
  const aligned = linedUp(cells, layout);
  // Whose numbers these are cannot be told: a row without keys that does not line up is left out.
  if (!aligned && cells.some((c) => !c.hasAttribute('essfield'))) {
    if (!cells.some((c) => ENTITY_FIELDS[level].nameFields.includes(c.getAttribute('essfield') ?? '')))
      return null;
  }
  const nameCell = nameCellOf(cells, level, layout, aligned);
  let entityName: string | null = null;
  let entityId: string | null = null;
  if (nameCell) {
    const link = nameCell.querySelector('a');
    entityName = (link && visibleText(link)) || visibleText(nameCell) || null;
    if (idParam) entityId = idFromLinks(nameCell, idParam);
  }
  readMetricCells(cells, nameCell, layout, aligned, uiLocale, metrics, evidence);
  // Without a name column of this level (ads view), an explicit id link anywhere in the row still counts.
  if (!entityId && idParam) entityId = idFromLinks(row, idParam);
  return { row: { entityId, entityName, metrics, clickKind: null, resultType: null }, evidence };
}

/** A segment row under an entity row, as read: its label and its numbers. */
interface SegmentRead {
  owner: EntityRow;
  label: string | null;
  metrics: Metrics;
  evidence: CurrencyEvidence[];
}

/**
 * A segment row's label cell: its `segmentation_info` cell (S-G1: `ess-cell[essfield=segmentation_info] >
 * segmentation-cell`), else the cell standing where the header has the name column, in a lined-up row. The
 * label stands in the name column's place, so the row counts as lined up when the rest of it is.
 */
function segmentCells(cells: Element[], layout: Layout): { label: Element | null; aligned: boolean } {
  const keyed = cells.find(
    (c) => c.getAttribute('essfield') === 'segmentation_info' || c.querySelector('segmentation-cell'),
  );
  if (keyed) return { label: keyed, aligned: linedUp(cells, layout, keyed) };
  const aligned = linedUp(cells, layout);
  return { label: aligned && layout.nameIndex !== null ? (cells[layout.nameIndex] ?? null) : null, aligned };
}

function readSegment(rowEl: Element, owner: EntityRow, layout: Layout, uiLocale: string | null): SegmentRead {
  const cells = topLevel(rowEl, CELL);
  const { label, aligned } = segmentCells(cells, layout);
  const metrics: Metrics = {};
  const evidence: CurrencyEvidence[] = [];
  // Keyed cells are read by their key; cells without one only by position in a lined-up row.
  readMetricCells(cells, label, layout, aligned, uiLocale, metrics, evidence);
  return { owner, label: label ? visibleText(label) || null : null, metrics, evidence };
}

/**
 * The days of a table segmented by day (Segment → Time → Day): every segment row under an entity row is
 * labelled with one date of the reporting range, in the page's locale ("Nov 24, 2025", "Mo., 24. Nov.
 * 2025"), at most once per entity. Anything else — a label that is not one date (device, network,
 * conversion action, week, month), a day outside the range, a day twice, an unknown range — means the table
 * is not read as segmented by day at all: no days, the entity rows as before. The label format of day
 * segments has no public evidence (test/fixtures/google/README.md), hence all or nothing.
 */
function daysOfSegments(
  segments: readonly SegmentRead[],
  range: DateRange | null,
  uiLocale: string | null,
): Map<EntityRow, DaySegment[]> | null {
  if (segments.length === 0 || !range) return null;
  const days = new Map<EntityRow, DaySegment[]>();
  for (const segment of segments) {
    const date = segment.label ? parseDateRangeText(segment.label, uiLocale) : null;
    if (!date || date.start !== date.end || date.start < range.start || date.start > range.end) return null;
    const list = days.get(segment.owner) ?? [];
    if (list.some((d) => d.date === date.start)) return null;
    list.push({ date: date.start, metrics: segment.metrics });
    days.set(segment.owner, list);
  }
  return days;
}

/** "123-456-7890 Account name" from the account switcher in the app bar. */
export function readGoogleAccount(root: Document): { id: string | null; name: string | null } {
  const candidates = [
    ...root.querySelectorAll('account-ids'),
    ...[...root.querySelectorAll('[title]')].filter((el) => ACCOUNT_ID.test(el.getAttribute('title') ?? '')),
  ];
  for (const host of candidates) {
    if (host.closest('[role="grid"]')) continue; // phone numbers in table cells are not account ids
    const leaves = [host, ...host.querySelectorAll('*')].filter((el) => ACCOUNT_ID.test(visibleText(el)));
    const leaf = leaves.at(-1);
    const text = leaf ? visibleText(leaf) : (host.getAttribute('title') ?? '');
    const m = ACCOUNT_ID.exec(text);
    if (!m) continue;
    const name = text.replace(m[1]!, '').trim();
    return { id: m[1]!, name: name || null };
  }
  return { id: null, name: null };
}

/**
 * Where the date picker may be: its element, else (tag renamed) the picker's opener, a button with a popup
 * (S-G1: `.main-content[role=button][aria-haspopup]` holds the range text), outside the table.
 */
function pickerCandidates(root: Document): Element[] {
  const openers = [...root.querySelectorAll('[role="button"][aria-haspopup]')].filter(
    (el) => !el.closest('[role="grid"]'),
  );
  return [...root.querySelectorAll('material-date-range-picker'), ...openers];
}

/** The date picker's range text ("Jan 1, 2020 – Apr 20, 2021"): the first of its leaves that parses. */
export function readGoogleDateRange(root: Document, uiLocale: string | null) {
  for (const picker of pickerCandidates(root)) {
    for (const el of [...picker.querySelectorAll('*')].filter((e) => e.children.length === 0)) {
      if (el.closest('material-popup, [role="dialog"], [role="grid"]')) continue; // the calendar popup
      const range = parseDateRangeText(visibleText(el), uiLocale);
      if (range) return range;
    }
  }
  return null;
}

const PAGE_RANGE = /^(\d[\d.,\u00a0\u202f]*) ?[-–] ?(\d[\d.,\u00a0\u202f]*) \S+ (\d[\d.,\u00a0\u202f]*)$/;
const digitsOf = (text: string) => Number(text.replace(/\D/g, ''));

/** "1 - 50 of 123" → 123; null for anything else (approximate counts such as "of about 2,000"). */
function pageTotalOf(text: string): { first: number; last: number; total: number } | null {
  const m = PAGE_RANGE.exec(text.replace(/\s+/g, ' ').trim());
  if (!m) return null;
  const [first, last, total] = [digitsOf(m[1]!), digitsOf(m[2]!), digitsOf(m[3]!)];
  return Number.isSafeInteger(total) ? { first, last, total } : null;
}

/**
 * Total row count from the pagination bar ("1 - 50 of 123"); approximate counts ("of about") give null.
 * With the bar's tag renamed: the range S-G1 shows as `<div aria-label="1 to 50 of 123"><div>1 - 50 of 123`,
 * taken only when the label and the text give the same three numbers (a date such as "1 – 30 Okt. 2025"
 * has the same shape but no such label).
 */
export function readGooglePageTotal(root: Document): number | null {
  for (const bar of root.querySelectorAll('pagination-bar')) {
    for (const el of bar.querySelectorAll('*')) {
      if (el.children.length > 0) continue;
      const range = pageTotalOf(el.textContent ?? '');
      if (range) return range.total;
    }
  }
  for (const labelled of root.querySelectorAll('[aria-label]')) {
    if (labelled.closest('[role="grid"]')) continue;
    const said = labelled
      .getAttribute('aria-label')!
      .match(/\d[\d.,\u00a0\u202f]*/g)
      ?.map(digitsOf);
    if (said?.length !== 3) continue;
    for (const el of labelled.children) {
      const range = el.children.length === 0 ? pageTotalOf(el.textContent ?? '') : null;
      if (range && range.first === said[0] && range.last === said[1] && range.total === said[2])
        return range.total;
    }
  }
  return null;
}

const NAME_HEADER: Record<Level, string> = {
  account: 'Account',
  campaign: 'Campaign',
  adset: 'Ad group',
  ad: 'Ad',
  keyword: 'Keyword',
};

/** The first header texts, quoted and short, for a reason the user reads (which must stay under 500). */
function headersSeen(layout: Layout): string {
  const texts = layout.columns.map((c) => c.text).filter(Boolean);
  const shown = texts.slice(0, 4).map((t) => `"${t.slice(0, 24)}"`);
  return shown.length ? `${shown.join(', ')}${texts.length > 4 ? ', …' : ''}` : 'none';
}

/** What the user can do about headers in a language without a dictionary. */
const LANGUAGE_HINT = ` Google Ads in one of these display languages can be read: ${headerLanguages('google').join(', ')}.`;

/**
 * Why a report grid cannot be read at all, or null when it can: without `essfield` the header texts must
 * name this level's entities and at least one metric, each in exactly one column.
 */
function unreadableReason(grid: Element | null, layout: Layout | null, level: Level): string | null {
  if (!grid || !layout) return 'No Google Ads report table was found on this page.';
  if (hasEssfieldCells(grid)) return null;
  const lead =
    "KPI Lens cannot read this Google Ads table: its cells carry none of Google's column keys, and";
  const nameHeader = NAME_HEADER[level];
  if (layout.nameAmbiguous)
    return `${lead} more than one column header names the ${nameHeader.toLowerCase()}s, so it cannot tell which is which.`;
  if (layout.nameIndex === null)
    return `${lead} no column header is one it knows as the "${nameHeader}" column in this UI language (headers seen: ${headersSeen(layout)}).${LANGUAGE_HINT}`;
  if (!layout.columns.some((c) => metricOfColumn(c) !== null)) {
    const shared = layout.columns.some((c) => c.ambiguous && c.lookup?.concept !== 'name');
    return shared
      ? `${lead} its metric columns share their headers, so it cannot tell which number is which.`
      : `${lead} no column header is a metric it knows (such as "Cost", "Clicks" or "Conversions") in this UI language (headers seen: ${headersSeen(layout)}).${LANGUAGE_HINT}`;
  }
  return null;
}

/** What a readable table leaves unknown, in the words the panel shows after "Read in part:". */
function missingNotes(
  context: TableReading['context'],
  rows: EntityRow[],
  layout: Layout,
  notLinedUp: number,
): string[] {
  const missing: string[] = [];
  if (!context.accountId) missing.push('account id');
  if (!context.dateStart) missing.push('date range');
  if (!rows.some((r) => r.metrics.spend !== undefined)) missing.push('cost column');
  const shared = layout.columns.filter((c) => c.ambiguous && !c.essfield && c.lookup?.concept !== 'name');
  if (shared.length)
    missing.push(
      `columns with the same header: ${[...new Set(shared.map((c) => `"${c.text}"`))].join(', ')}`,
    );
  if (notLinedUp)
    missing.push(`${notLinedUp} row${notLinedUp === 1 ? '' : 's'} not lined up with the headers`);
  return missing;
}

/**
 * The grid's entity rows, each with its days when the table is segmented by day. A segment row belongs to
 * the entity row above it (rows between them are its other segments); after a summary row, segment rows
 * belong to the summary and are never an entity's.
 */
function readRows(
  grid: Element,
  level: Level,
  layout: Layout,
  uiLocale: string | null,
  range: DateRange | null,
): { rows: EntityRow[]; evidence: CurrencyEvidence[]; notLinedUp: number } {
  const rows: EntityRow[] = [];
  const evidence: CurrencyEvidence[] = [];
  const segments: SegmentRead[] = [];
  let notLinedUp = 0;
  let owner: EntityRow | null = null;
  for (const rowEl of grid.querySelectorAll('[role="row"]')) {
    const kind = googleRowKind(rowEl);
    if (kind === 'segment' || kind === 'other') {
      // A row renamed out of its segment markers is an 'other' row: its label decides (daysOfSegments).
      if (owner) segments.push(readSegment(rowEl, owner, layout, uiLocale));
      continue;
    }
    owner = null;
    if (kind !== 'entity') continue;
    const one = readRow(rowEl, level, layout, uiLocale);
    if (!one) {
      notLinedUp++;
      continue;
    }
    rows.push(one.row);
    evidence.push(...one.evidence);
    owner = one.row;
  }
  const days = daysOfSegments(segments, range, uiLocale);
  if (!days) return { rows, evidence, notLinedUp };
  for (const segment of segments) evidence.push(...segment.evidence);
  return { rows: rows.map((r) => (days.has(r) ? { ...r, days: days.get(r) } : r)), evidence, notLinedUp };
}

function read(root: Document, url: URL, options: ReadOptions): TableReading {
  const urlContext = detect(url);
  const uiLocale = root.documentElement.getAttribute('lang') || null;
  const account = readGoogleAccount(root);
  const range = urlContext ? readGoogleDateRange(root, uiLocale) : null;
  const baseContext = {
    platform: 'google' as const,
    accountId: account.id,
    accountName: account.name,
    level: urlContext?.level ?? 'campaign',
    dateStart: range?.start ?? null,
    dateEnd: range?.end ?? null,
    uiLocale,
  };
  const empty = { rows: [], coverage: { read: 0, total: null } };
  const noCurrency = { currency: null, currencySource: null };
  if (!urlContext) {
    return {
      ...empty,
      context: { ...baseContext, ...noCurrency },
      health: {
        status: 'not-recognised',
        reason: 'This Google Ads page is not a campaigns, ad groups, ads or keywords report.',
      },
    };
  }
  const level = urlContext.level;
  const grid = findTable(root) ?? largestHeaderedGrid(root);
  const layout = grid ? layoutOf(grid, level) : null;
  const unreadable = unreadableReason(grid, layout, level);
  if (unreadable) {
    return {
      ...empty,
      context: { ...baseContext, ...noCurrency },
      health: { status: 'not-recognised', reason: unreadable },
    };
  }
  const { rows, evidence, notLinedUp } = readRows(grid!, level, layout!, uiLocale, range);
  const currency = resolveCurrency(
    evidence,
    options.accountCurrency(baseContext.accountId),
    baseContext.uiLocale,
  );
  const context = { ...baseContext, ...currency };
  if (rows.length === 0) {
    const reason = notLinedUp
      ? 'The rows of the Google Ads table do not line up with its column headers, so no row could be read.'
      : 'No rows were found in the Google Ads table.';
    return { ...empty, context: { ...context, ...noCurrency }, health: { status: 'not-recognised', reason } };
  }
  if (rows.every((r) => Object.keys(r.metrics).length === 0)) {
    return {
      ...empty,
      context,
      health: { status: 'not-recognised', reason: 'The Google Ads table shows no numbers yet.' },
    };
  }
  const coverage = { read: rows.length, total: readGooglePageTotal(root) };
  const missing = missingNotes(context, rows, layout!, notLinedUp);
  // Other pages of a paginated table: the accumulator unites pages of the same view as the user pages on.
  const rowsNote = rowsMissingNote(coverage);
  if (rowsNote) missing.push(rowsNote);
  return {
    context,
    rows,
    coverage,
    health: missing.length ? { status: 'partial', missing } : { status: 'recognised' },
  };
}

/**
 * The overlay's anchor per entity row: the row's own name cell, keyed exactly as `readRow` keys the row (the
 * id from its link, else the name), read fresh each time because the table re-renders rows in place.
 */
function rowAnchors(root: Document): RowAnchor[] {
  const level = detect(new URL(root.URL))?.level;
  const grid = findTable(root);
  if (!level || !grid) return [];
  const layout = layoutOf(grid, level);
  if (unreadableReason(grid, layout, level)) return [];
  const { idParam } = ENTITY_FIELDS[level];
  const out: RowAnchor[] = [];
  for (const rowEl of grid.querySelectorAll('[role="row"]')) {
    if (googleRowKind(rowEl) !== 'entity') continue;
    const cells = topLevel(rowEl, CELL);
    const cell = nameCellOf(cells, level, layout, linedUp(cells, layout));
    if (!cell) continue;
    const link = cell.querySelector('a');
    const entityName = (link && visibleText(link)) || visibleText(cell) || null;
    const entityId = idParam ? (idFromLinks(cell, idParam) ?? idFromLinks(rowEl, idParam)) : null;
    const entityKey = entityKeyOf({ entityId, entityName });
    if (entityKey) out.push({ entityKey, cell });
  }
  return out;
}

export const googleAdapter: PlatformAdapter = {
  id: 'google',
  label: 'Google Ads',
  matches: ['https://ads.google.com/aw/*'],
  // The ads view (/aw/ads) is detected and read by header text too, but its cells have no public evidence and
  // no fixture, so it is not declared as supported.
  views: [
    { level: 'campaign', name: 'campaigns' },
    { level: 'adset', name: 'ad groups' },
    { level: 'keyword', name: 'keywords' },
  ],
  languages: ['en', 'de', 'vi'],
  checkedAgainst: 'real pages',
  detect,
  findTable,
  read,
  rowAnchors,
};
