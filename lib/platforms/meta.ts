import type { ClickKind, EntityRow, Level, Metrics, TableReading } from '../model';
import { parseDisplayedNumber } from '../read/number';
import { resolveCurrency, type CurrencyEvidence } from '../read/currency';
import type { PlatformAdapter, UrlContext } from './types';

const LEVEL_BY_PATH: Record<string, Level> = { campaigns: 'campaign', adsets: 'adset', ads: 'ad' };
const ROW_SURFACE = /\/table_row:(\d+)unit$/;
const CELL_SURFACE = /\/table_row:(-?\d+)unit\/table_cell:(.+)$/;

/** Meta's URL `date=` range is right-open: `2026-04-05_2026-04-06` is the single day April 5. */
export function parseMetaDateParam(value: string | null): { start: string; end: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})/.exec(value ?? '');
  if (!m) return null;
  const end = new Date(`${m[2]}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  const endIso = end.toISOString().slice(0, 10);
  return endIso < m[1]! ? null : { start: m[1]!, end: endIso };
}

function detect(url: URL): UrlContext | null {
  const m = /^\/adsmanager\/manage\/(campaigns|adsets|ads)\/?$/.exec(url.pathname);
  if (!m) return null;
  const act = url.searchParams.get('act');
  const range = parseMetaDateParam(url.searchParams.get('date'));
  return {
    level: LEVEL_BY_PATH[m[1]!]!,
    accountId: act && /^\d{5,20}$/.test(act) ? act : null,
    dateStart: range?.start ?? null,
    dateEnd: range?.end ?? null,
  };
}

/** The value node of a cell: older `geotextcolor=value` or newer tooltip-overflow node. */
function valueNode(cell: Element): Element | null {
  return cell.querySelector(
    '[geotextcolor="value"], [data-hover="tooltip"][data-tooltip-display="overflow"]',
  );
}

type MetricField = keyof Metrics | 'linkClicks' | 'allClicks' | 'purchases';

/** `table_cell:` keys → metric. Keys are Meta's own column ids, identical in every UI language. */
function metricForCellKey(key: string): MetricField | null {
  const k = key.replace(/\/.*$/, ''); // `spend/spend_sla` nests the same column
  if (k === 'spend') return 'spend';
  if (k === 'impressions') return 'impressions';
  if (k === 'reach') return 'reach';
  if (k === 'clicks') return 'allClicks';
  if (k === 'inline_link_clicks' || k === 'link_clicks' || /^forAttributionWindow\(link_clicks/.test(k))
    return 'linkClicks';
  if (k === 'results' || /^forAttributionWindow\(results[,)]/.test(k)) return 'results';
  if (/^forAttributionWindow\(purchase_roas:omni_purchase[,)]/.test(k)) return 'roasShown';
  if (/^forAttributionWindow\(actions:omni_purchase[,)]/.test(k)) return 'purchases';
  if (/^forAttributionWindow\(action_values:omni_purchase[,)]/.test(k)) return 'conversionValue';
  if (/^forAttributionWindow\(actions:(lead|onsite_conversion\.lead_grouped)[,)]/.test(k)) return 'leads';
  if (/^forObjectType\(budget,/.test(k)) return 'budget';
  return null;
}

/** Result types that count as conversions (CONTRACTS.md: purchase, lead, registration — never clicks). */
const CONVERSION_RESULT_TYPES =
  /purchase|lead|registration|conversion|购物|购买|潜在客户|注册|mua|khách hàng tiềm năng|đăng ký|покуп|лид|лід|реєстрац|регистрац|kauf|käufe|achat|prospect|inscription/i;

function readRow(span: Element, entityId: string): { row: EntityRow; evidence: CurrencyEvidence[] } {
  const metrics: Metrics = {};
  const evidence: CurrencyEvidence[] = [];
  let linkClicks: number | undefined;
  let allClicks: number | undefined;
  let purchases: number | undefined;
  let resultType: string | null = null;
  let entityName: string | null = null;

  for (const cell of span.querySelectorAll('[data-surface*="/table_cell:"]')) {
    const m = CELL_SURFACE.exec(cell.getAttribute('data-surface') ?? '');
    if (!m || m[1] !== entityId) continue;
    const key = m[2]!;
    if (/^forObjectType\(name,/.test(key)) {
      entityName = readName(cell);
      continue;
    }
    const field = metricForCellKey(key);
    if (!field) continue;
    const node = valueNode(cell);
    if (!node) continue;
    const parsed = parseDisplayedNumber(node.textContent ?? '');
    if (!parsed) continue;
    if (field === 'spend' || field === 'conversionValue' || field === 'budget') {
      evidence.push({ currency: parsed.currency, ambiguousSymbol: parsed.ambiguousSymbol });
    }
    if (field === 'linkClicks') linkClicks = parsed.value;
    else if (field === 'allClicks') allClicks = parsed.value;
    else if (field === 'purchases') purchases = parsed.value;
    else {
      metrics[field] = parsed.value;
      if (field === 'results') resultType = subLabel(cell, node);
    }
  }

  let clickKind: ClickKind | null = null;
  if (linkClicks !== undefined) [metrics.clicks, clickKind] = [linkClicks, 'link'];
  else if (allClicks !== undefined) [metrics.clicks, clickKind] = [allClicks, 'all'];
  if (purchases !== undefined) metrics.conversions = purchases;
  else if (metrics.results !== undefined && resultType && CONVERSION_RESULT_TYPES.test(resultType)) {
    metrics.conversions = metrics.results;
  }
  return { row: { entityId, entityName, metrics, clickKind, resultType }, evidence };
}

/** The name as shown: the link text or tooltip, never the hidden overflow-menu text beside it. */
function readName(cell: Element): string | null {
  const tooltip = cell.querySelector('[data-tooltip-content]')?.getAttribute('data-tooltip-content');
  if (tooltip?.trim()) return tooltip.trim();
  const link = cell.querySelector('a');
  const text = link?.textContent?.trim();
  return text || null;
}

/** A Results cell's sub-label (result type): the cell text that is not the value node's. */
function subLabel(cell: Element, node: Element): string | null {
  const value = node.textContent ?? '';
  const label = (cell.textContent ?? '').replace(value, '').trim();
  return label || null;
}

function findTable(root: Document): Element | null {
  return root.querySelector('[role="table"], [role="grid"]');
}

function read(root: Document, url: URL, options: Parameters<PlatformAdapter['read']>[2]): TableReading {
  const urlContext = detect(url);
  const uiLocale = root.documentElement.getAttribute('lang');
  const baseContext = {
    platform: 'meta' as const,
    accountId: urlContext?.accountId ?? null,
    accountName: null,
    level: urlContext?.level ?? 'campaign',
    dateStart: urlContext?.dateStart ?? null,
    dateEnd: urlContext?.dateEnd ?? null,
    uiLocale,
  };
  const empty = { rows: [], coverage: { read: 0, total: null } };
  if (!urlContext) {
    return {
      ...empty,
      context: { ...baseContext, currency: null, currencySource: null },
      health: {
        status: 'not-recognised',
        reason: 'This Ads Manager page is not a campaigns, ad sets or ads report.',
      },
    };
  }
  const rows: EntityRow[] = [];
  const evidence: CurrencyEvidence[] = [];
  const seen = new Set<string>();
  for (const span of root.querySelectorAll('[data-surface*="/table_row:"][data-surface$="unit"]')) {
    const id = ROW_SURFACE.exec(span.getAttribute('data-surface') ?? '')?.[1];
    if (!id || seen.has(id)) continue; // footer rows use -1 and never match \d+
    seen.add(id);
    const read = readRow(span, id);
    rows.push(read.row);
    evidence.push(...read.evidence);
  }
  const currency = resolveCurrency(evidence, options.accountCurrency(baseContext.accountId));
  const context = { ...baseContext, ...currency };
  if (rows.length === 0) {
    return {
      ...empty,
      context,
      health: { status: 'not-recognised', reason: 'No campaign rows were found in the Ads Manager table.' },
    };
  }
  const missing: string[] = [];
  if (!context.accountId) missing.push('account id');
  if (!context.dateStart) missing.push('date range');
  return {
    context,
    rows,
    coverage: { read: rows.length, total: null },
    health: missing.length ? { status: 'partial', missing } : { status: 'recognised' },
  };
}

export const metaAdapter: PlatformAdapter = {
  id: 'meta',
  label: 'Meta Ads Manager',
  matches: [
    'https://adsmanager.facebook.com/adsmanager/manage/*',
    'https://business.facebook.com/adsmanager/manage/*',
    'https://www.facebook.com/adsmanager/manage/*',
  ],
  detect,
  findTable,
  read,
};
