import { entityKeyOf, type EntityRow, type Level, type Metrics, type TableReading } from '../model';
import { parseDisplayedNumber } from '../read/number';
import { resolveCurrency, type CurrencyEvidence } from '../read/currency';
import { parseDateRangeText } from '../read/dates';
import { rowsMissingNote } from '../read/row-accumulator';
import { conceptForHeader, type ColumnConcept } from '../read/headers';
import { PLATFORM_PAGES } from './hosts';
import type { PlatformAdapter, ReadOptions, RowAnchor, UrlContext } from './types';

/**
 * Google Ads (ads.google.com/aw/…): the AngularDart "particle" table. Cells carry `essfield` keys (Google's
 * own column ids, the same in every UI language), rows are `[role=row]` in a `[role=grid]`; summary
 * ("Total: …") and segment rows sit between entity rows and are told apart by structure, not by classes.
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

/** The report grid: the `[role=grid]` whose rows hold `essfield` cells (the date picker is a grid too). */
function findTable(root: Document): Element | null {
  for (const grid of root.querySelectorAll('[role="grid"]')) {
    if (grid.querySelector('[role="row"] [essfield]')) return grid;
  }
  return null;
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

interface Column {
  essfield: string | null;
  concept: ColumnConcept | null;
}

function headerColumns(grid: Element): { byIndex: Column[]; byEssfield: Map<string, Column> } {
  const byIndex: Column[] = [];
  const byEssfield = new Map<string, Column>();
  const headerRow = [...grid.querySelectorAll('[role="row"]')].find((r) =>
    r.querySelector('[role="columnheader"]'),
  );
  for (const th of headerRow?.querySelectorAll('[role="columnheader"]') ?? []) {
    const essfield = th.getAttribute('essfield');
    const text = visibleText(th);
    const column = { essfield, concept: text ? conceptForHeader('google', text) : null };
    byIndex.push(column);
    if (essfield) byEssfield.set(essfield, column);
  }
  return { byIndex, byEssfield };
}

type RowKind = 'entity' | 'summary' | 'segment' | 'header' | 'other';

/**
 * Entity rows have a selection checkbox; segment rows a `segmentation_info` cell; summary rows ("Total: …",
 * "Gesamt: …", "总计：…") a label element standing directly in the row in place of cells. The label's
 * wording is never needed, so this works in every UI language.
 */
export function googleRowKind(row: Element): RowKind {
  if (row.querySelector('[role="columnheader"]')) return 'header';
  if (!row.querySelector('[essfield]')) return 'other';
  if (row.querySelector('[essfield="segmentation_info"], segmentation-cell')) return 'segment';
  for (const child of row.children) {
    if (!child.hasAttribute('role') && !child.hasAttribute('essfield') && visibleText(child))
      return 'summary';
  }
  if (!row.querySelector('[role="checkbox"], mat-checkbox, material-checkbox')) return 'other';
  return 'entity';
}

function metricFor(
  cell: Element,
  index: number,
  columns: ReturnType<typeof headerColumns>,
): MetricField | null {
  const essfield = cell.getAttribute('essfield');
  if (essfield && essfield in METRIC_BY_ESSFIELD) return METRIC_BY_ESSFIELD[essfield]!;
  if (essfield?.startsWith('stats.all_')) return null;
  // Unknown or missing key: fall back to the header text (same essfield, else same position).
  const column = essfield ? columns.byEssfield.get(essfield) : columns.byIndex[index];
  return column?.concept ? (METRIC_BY_CONCEPT[column.concept] ?? null) : null;
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

function readRow(
  row: Element,
  level: Level,
  columns: ReturnType<typeof headerColumns>,
  uiLocale: string | null,
): { row: EntityRow; evidence: CurrencyEvidence[] } {
  const metrics: Metrics = {};
  const evidence: CurrencyEvidence[] = [];
  const { nameFields, idParam } = ENTITY_FIELDS[level];
  let entityName: string | null = null;
  let entityId: string | null = null;

  // Cells in column order (frozen and scrolling panes are nested wrappers), never a cell inside a cell.
  const cells = [...row.querySelectorAll('[role="gridcell"], [essfield]')].filter(
    (c) => !c.parentElement?.closest('[role="gridcell"], [essfield]'),
  );
  cells.forEach((cell, index) => {
    const essfield = cell.getAttribute('essfield');
    if (essfield && nameFields.includes(essfield)) {
      const link = cell.querySelector('a');
      entityName = (link && visibleText(link)) || visibleText(cell) || null;
      if (idParam) entityId = idFromLinks(cell, idParam);
      return;
    }
    const field = metricFor(cell, index, columns);
    if (!field) return;
    const parsed = parseDisplayedNumber(valueText(cell), uiLocale);
    if (!parsed || parsed.percent) return;
    metrics[field] = parsed.value;
    if (field === 'spend' || field === 'conversionValue') {
      evidence.push({ currency: parsed.currency, ambiguousSymbol: parsed.ambiguousSymbol });
    }
  });
  // Without a name column of this level (ads view), an explicit id link anywhere in the row still counts.
  if (!entityId && idParam) entityId = idFromLinks(row, idParam);
  return { row: { entityId, entityName, metrics, clickKind: null, resultType: null }, evidence };
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

/** The date picker's range text ("Jan 1, 2020 – Apr 20, 2021"): the first of its leaves that parses. */
export function readGoogleDateRange(root: Document, uiLocale: string | null) {
  for (const picker of root.querySelectorAll('material-date-range-picker')) {
    for (const el of [...picker.querySelectorAll('*')].filter((e) => e.children.length === 0)) {
      if (el.closest('material-popup, [role="dialog"], [role="grid"]')) continue; // the calendar popup
      const range = parseDateRangeText(visibleText(el), uiLocale);
      if (range) return range;
    }
  }
  return null;
}

/** Total row count from the pagination bar ("1 - 50 of 123"); approximate counts ("of about") give null. */
export function readGooglePageTotal(root: Document): number | null {
  for (const bar of root.querySelectorAll('pagination-bar')) {
    for (const el of bar.querySelectorAll('*')) {
      if (el.children.length > 0) continue;
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      const m = /^(\d[\d.,\u00a0\u202f]*) ?[-–] ?(\d[\d.,\u00a0\u202f]*) \S+ (\d[\d.,\u00a0\u202f]*)$/.exec(
        text,
      );
      if (!m) continue;
      const total = Number(m[3]!.replace(/\D/g, ''));
      return Number.isSafeInteger(total) ? total : null;
    }
  }
  return null;
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
  const grid = findTable(root);
  const columns = grid ? headerColumns(grid) : { byIndex: [], byEssfield: new Map() };
  const rows: EntityRow[] = [];
  const evidence: CurrencyEvidence[] = [];
  for (const rowEl of grid?.querySelectorAll('[role="row"]') ?? []) {
    if (googleRowKind(rowEl) !== 'entity') continue;
    const one = readRow(rowEl, urlContext.level, columns, uiLocale);
    rows.push(one.row);
    evidence.push(...one.evidence);
  }
  const currency = resolveCurrency(evidence, options.accountCurrency(baseContext.accountId));
  const context = { ...baseContext, ...currency };
  if (rows.length === 0) {
    return {
      ...empty,
      context: { ...context, ...noCurrency },
      health: { status: 'not-recognised', reason: 'No rows were found in the Google Ads table.' },
    };
  }
  if (rows.every((r) => Object.keys(r.metrics).length === 0)) {
    return {
      ...empty,
      context,
      health: { status: 'not-recognised', reason: 'The Google Ads table shows no numbers yet.' },
    };
  }
  const coverage = { read: rows.length, total: readGooglePageTotal(root) };
  const missing: string[] = [];
  if (!context.accountId) missing.push('account id');
  if (!context.dateStart) missing.push('date range');
  if (!rows.some((r) => r.metrics.spend !== undefined)) missing.push('cost column');
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
  const { nameFields, idParam } = ENTITY_FIELDS[level];
  const out: RowAnchor[] = [];
  for (const rowEl of grid.querySelectorAll('[role="row"]')) {
    if (googleRowKind(rowEl) !== 'entity') continue;
    const cell = [...rowEl.querySelectorAll('[role="gridcell"], [essfield]')].find(
      (c) =>
        !c.parentElement?.closest('[role="gridcell"], [essfield]') &&
        nameFields.includes(c.getAttribute('essfield') ?? ''),
    );
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
  matches: PLATFORM_PAGES.google,
  detect,
  findTable,
  read,
  rowAnchors,
};
