// A generated Meta Ads Manager campaigns table for the benchmarks, built like test/fixtures/meta/*.html:
// `data-surface` row and cell spans, value nodes (`geotextcolor="value"`), sub-labels, the nested `spend_sla`
// surface, hidden name-cell menus, frozen and scrollable panes, a header row and the footer pagelet. Values
// come from a seeded generator, so row `i` is the same on every run and can be rendered alone (virtualised).
import { campaignName, itemRng } from '../data.mjs';

export const ROW_HEIGHT = 46;
export const META_ACCOUNT = '583920174615290';
export const META_URL = `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${META_ACCOUNT}&business_id=2401937718264051&columns=name%2Cdelivery%2Cresults%2Cspend&attribution_windows=default&date=2026-11-01_2026-11-22%2Cthis_month`;

type Kind = 'selector' | 'toggle' | 'name' | 'text' | 'count' | 'money' | 'percent' | 'decimal';

interface Column {
  key: string;
  header: string;
  width: number;
  kind: Kind;
  /** Sub-label under the value (Results type, "Per Purchase", "Daily"). */
  sub?: string;
}

/** 30 columns, as a buyer's customised Meta column set: three frozen, then 27 scrollable. */
export const COLUMNS: readonly Column[] = [
  { key: 'row_selector', header: '', width: 49, kind: 'selector' },
  { key: 'forObjectType(toggle,CAMPAIGN_GROUP)', header: 'Off / On', width: 64, kind: 'toggle' },
  { key: 'forObjectType(name,CAMPAIGN_GROUP)', header: 'Campaign', width: 360, kind: 'name' },
  { key: 'forObjectType(delivery,CAMPAIGN_GROUP)', header: 'Delivery', width: 150, kind: 'text' },
  { key: 'forObjectType(bid_strategy,CAMPAIGN_GROUP)', header: 'Bid strategy', width: 150, kind: 'text' },
  { key: 'forObjectType(budget,CAMPAIGN_GROUP)', header: 'Budget', width: 140, kind: 'money', sub: 'Daily' },
  {
    key: 'forAttributionWindow(attribution_setting,default)',
    header: 'Attribution setting',
    width: 170,
    kind: 'text',
  },
  {
    key: 'forAttributionWindow(results,default)',
    header: 'Results',
    width: 160,
    kind: 'count',
    sub: 'Website purchases',
  },
  { key: 'reach', header: 'Reach', width: 130, kind: 'count' },
  { key: 'frequency', header: 'Frequency', width: 110, kind: 'decimal' },
  {
    key: 'forAttributionWindow(cost_per_result,default)',
    header: 'Cost per result',
    width: 170,
    kind: 'money',
    sub: 'Per Purchase',
  },
  { key: 'spend', header: 'Amount spent', width: 150, kind: 'money' },
  { key: 'forObjectType(end_time,CAMPAIGN_GROUP)', header: 'Ends', width: 120, kind: 'text' },
  { key: 'impressions', header: 'Impressions', width: 130, kind: 'count' },
  { key: 'cpm', header: 'CPM (cost per 1,000 impressions)', width: 170, kind: 'money' },
  { key: 'inline_link_clicks', header: 'Link clicks', width: 130, kind: 'count' },
  { key: 'cost_per_inline_link_click', header: 'CPC (cost per link click)', width: 170, kind: 'money' },
  { key: 'inline_link_click_ctr', header: 'CTR (link click-through rate)', width: 170, kind: 'percent' },
  { key: 'clicks', header: 'Clicks (all)', width: 130, kind: 'count' },
  { key: 'ctr', header: 'CTR (all)', width: 120, kind: 'percent' },
  {
    key: 'forAttributionWindow(actions:omni_purchase,default)',
    header: 'Purchases',
    width: 120,
    kind: 'count',
  },
  {
    key: 'forAttributionWindow(action_values:omni_purchase,default)',
    header: 'Purchases conversion value',
    width: 190,
    kind: 'money',
  },
  {
    key: 'forAttributionWindow(purchase_roas:omni_purchase,default)',
    header: 'Purchase ROAS (return on ad spend)',
    width: 190,
    kind: 'decimal',
  },
  {
    key: 'forAttributionWindow(actions:onsite_conversion.lead_grouped,default)',
    header: 'Leads',
    width: 110,
    kind: 'count',
  },
  {
    key: 'forAttributionWindow(cost_per_action_type:onsite_conversion.lead_grouped,default)',
    header: 'Cost per lead',
    width: 140,
    kind: 'money',
  },
  {
    key: 'forAttributionWindow(actions:omni_add_to_cart,default)',
    header: 'Adds to cart',
    width: 130,
    kind: 'count',
  },
  {
    key: 'forAttributionWindow(actions:omni_initiated_checkout,default)',
    header: 'Checkouts initiated',
    width: 160,
    kind: 'count',
  },
  {
    key: 'forAttributionWindow(actions:landing_page_view,default)',
    header: 'Landing page views',
    width: 160,
    kind: 'count',
  },
  {
    key: 'forAttributionWindow(actions:video_view,default)',
    header: '3-second video plays',
    width: 170,
    kind: 'count',
  },
  { key: 'forObjectType(schedule,CAMPAIGN_GROUP)', header: 'Schedule', width: 200, kind: 'text' },
];

const FROZEN = 3;
const FROZEN_WIDTH = COLUMNS.slice(0, FROZEN).reduce((a, c) => a + c.width, 0);
const SCROLL_WIDTH = COLUMNS.slice(FROZEN).reduce((a, c) => a + c.width, 0);
const LEFTS = COLUMNS.map((_, i) =>
  COLUMNS.slice(i < FROZEN ? 0 : FROZEN, i).reduce((a, c) => a + c.width, 0),
);

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const count = new Intl.NumberFormat('en-US');
const TEXTS: Record<string, readonly string[]> = {
  'forObjectType(delivery,CAMPAIGN_GROUP)': ['Active', 'Active', 'Learning', 'Paused', 'Not delivering'],
  'forObjectType(bid_strategy,CAMPAIGN_GROUP)': ['Highest volume', 'Cost per result goal', 'ROAS goal'],
  'forAttributionWindow(attribution_setting,default)': ['7-day click or 1-day view', '7-day click'],
  'forObjectType(end_time,CAMPAIGN_GROUP)': ['Ongoing', 'Dec 31, 2026', 'Nov 30, 2026'],
  'forObjectType(schedule,CAMPAIGN_GROUP)': ['Nov 1, 2026 – Ongoing', 'Oct 15, 2026 – Dec 31, 2026'],
};

export interface RowData {
  id: string;
  name: string;
  /** Display text per column (null: no text, e.g. the selector). */
  cells: (string | null)[];
}

/** Row `i` of the table, the same on every run for a given seed. */
export function rowData(seed: number, i: number): RowData {
  const r = itemRng(seed, i);
  const spend = 50 + r() * 4000;
  const impressions = Math.round(spend * (60 + r() * 140));
  const reach = Math.round(impressions * (0.55 + r() * 0.35));
  const linkClicks = Math.round(impressions * (0.004 + r() * 0.02));
  const allClicks = Math.round(linkClicks * (1.2 + r()));
  const purchases = Math.round(linkClicks * r() * 0.08);
  const value = purchases * (25 + r() * 90);
  const leadsShown = r() < 0.3;
  const leads = Math.round(linkClicks * r() * 0.05);
  const dash = (shown: boolean, text: string) => (shown ? text : '—');
  const cells = COLUMNS.map((c): string | null => {
    switch (c.key) {
      case 'row_selector':
      case 'forObjectType(toggle,CAMPAIGN_GROUP)':
        return null;
      case 'forObjectType(name,CAMPAIGN_GROUP)':
        return campaignName(r, i);
      case 'forObjectType(budget,CAMPAIGN_GROUP)':
        return usd.format(Math.round(spend / 20) * 5);
      case 'forAttributionWindow(results,default)':
      case 'forAttributionWindow(actions:omni_purchase,default)':
        return dash(purchases > 0, count.format(purchases));
      case 'reach':
        return count.format(reach);
      case 'frequency':
        return (impressions / reach).toFixed(2);
      case 'forAttributionWindow(cost_per_result,default)':
        return dash(purchases > 0, usd.format(spend / purchases));
      case 'spend':
        return usd.format(spend);
      case 'impressions':
        return count.format(impressions);
      case 'cpm':
        return usd.format((spend / impressions) * 1000);
      case 'inline_link_clicks':
        return count.format(linkClicks);
      case 'cost_per_inline_link_click':
        return dash(linkClicks > 0, usd.format(spend / linkClicks));
      case 'inline_link_click_ctr':
        return `${((linkClicks / impressions) * 100).toFixed(2)}%`;
      case 'clicks':
        return count.format(allClicks);
      case 'ctr':
        return `${((allClicks / impressions) * 100).toFixed(2)}%`;
      case 'forAttributionWindow(action_values:omni_purchase,default)':
        return dash(purchases > 0, usd.format(value));
      case 'forAttributionWindow(purchase_roas:omni_purchase,default)':
        return dash(purchases > 0, (value / spend).toFixed(2));
      case 'forAttributionWindow(actions:onsite_conversion.lead_grouped,default)':
        return dash(leadsShown, count.format(leads));
      case 'forAttributionWindow(cost_per_action_type:onsite_conversion.lead_grouped,default)':
        return dash(leadsShown && leads > 0, usd.format(spend / Math.max(leads, 1)));
      case 'forAttributionWindow(actions:omni_add_to_cart,default)':
        return count.format(purchases * 4 + Math.round(r() * 30));
      case 'forAttributionWindow(actions:omni_initiated_checkout,default)':
        return count.format(purchases * 2 + Math.round(r() * 10));
      case 'forAttributionWindow(actions:landing_page_view,default)':
        return count.format(Math.round(linkClicks * 0.8));
      case 'forAttributionWindow(actions:video_view,default)':
        return dash(r() < 0.5, count.format(Math.round(impressions * 0.2)));
    }
    const texts = TEXTS[c.key];
    return texts ? texts[Math.floor(r() * texts.length)]! : '—';
  });
  return { id: `1202123456${String(i).padStart(8, '0')}`, name: cells[2]!, cells };
}

/** Escapes text for HTML (generated names are plain, but a `|` or `&` must stay text). */
function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** `mark` puts a temporary `data-bench-slot` on the nodes a virtualised table rewrites when it recycles a row. */
function cellHtml(rowId: string, col: number, text: string | null, mark: boolean): string {
  const c = COLUMNS[col]!;
  const surface = `/am/table/table_row:${rowId}unit/table_cell:${c.key}`;
  const slot = (name: string) => (mark ? ` data-bench-slot="${col}:${name}"` : '');
  const box = `class="_4lg0 _4lg5 _4h2p _4h2m" style="height: 46px; width: ${c.width}px; left: ${LEFTS[col]}px;"`;
  let inner: string;
  switch (c.kind) {
    case 'selector':
      inner = `<div class="_1b33 _1xah"><div class="x1rg5ohu x5yr21d"><input aria-checked="false" aria-label="" class="xjyslct x1ypdohk" type="checkbox"></div></div>`;
      break;
    case 'toggle':
      inner = `<div class="_1b33 _a524"><div class="x6s0dn4 x78zum5 xl56j7k"><div data-visualcompletion="ignore"><input aria-checked="true" aria-label="On/Off" role="switch" class="xjyslct x1ypdohk" type="checkbox" value="true" checked><div class="x1n2onr6 xh8yej3"><div class="x6s0dn4 x78zum5 x13fuv20"></div></div></div></div></div>`;
      break;
    case 'name': {
      const menu = `/am/table/table_row:${rowId}unit/table_cell:${c.key}/maiba:ad_object_overflow_menu_entrypoint`;
      const link = (label: string) =>
        `<span data-tracked="true"><a aria-label="${label}" class="xt0psk2 x1hl2dhg xt0b8zv" href="#"><span class="_3qjp"><div class="x6s0dn4 x78zum5"><div class="x3nfvp2 x120ccyz" role="presentation"><div class="xtwfq29" style="width: 12px; height: 12px;"></div></div><span class="ellipsis" data-tooltip-display="overflow">${label}</span></div></span></a></span>`;
      inner = `<div class="_1b33"><div class="x9f619 x78zum5 xdj266r"><div class="x1iyjqo2 x6ikm8r x10wlt62"><div class="x78zum5 x6s0dn4"><div class="ellipsis _13is" data-hover="tooltip" data-tooltip-content="${esc(text ?? '')}" data-tooltip-display="overflow" data-tooltip-position="below"${slot('tip')}><div data-visualcompletion="ignore" class="xt0psk2"></div><span data-tracked="true"><a class="xt0psk2 x1hl2dhg xt0b8zv x1vvvo52 x1fvot60" href="#"><span class="_3dfi _3dfj"${slot('text')}>${esc(text ?? '')}</span></a></span></div></div><span data-surface-wrapper="1" data-surface="${menu}" style="display: contents;"><div data-visualcompletion="ignore" class="x1lliihq xlshs6z"><div class="_9p_z"><div class="_9p_y" role="toolbar"><div class="x78zum5 x2lwn1j">${link('View charts')}${link('Edit')}${link('Duplicate')}</div></div></div><div aria-busy="false" aria-expanded="false" aria-haspopup="menu" class="x1i10hfl xjqpnuy" role="button" tabindex="0"><div class="x1qvwoe0 xjm9jq1" data-sscoverage-ignore="true">Open Drop-down</div></div></div></span></div></div></div>`;
      break;
    }
    case 'text':
      inner = `<div class="_1b33"><div class="xuxw1ft clearfix _ikh"><div class="_4bl9"><span class="x1vvvo52 x1fvot60 xo1l8bm xxio538"${slot('text')}>${esc(text ?? '')}</span></div></div></div>`;
      break;
    default: {
      const value =
        c.kind === 'money' && text !== '—'
          ? `<span><span class="_3dfi _3dfj"${slot('text')}>${esc(text ?? '')}</span></span>`
          : `<span${slot('text')}>${esc(text ?? '')}</span>`;
      const sub = c.sub
        ? `<div class="ellipsis _1ha4" data-hover="tooltip" data-tooltip-display="overflow"><div class="xt0psk2 x1vvvo52 xw23nyj xo1l8bm">${c.sub}</div></div>`
        : '';
      inner = `<span><div class=" _1b33 _av2o"><div class="x1cy8zhl x78zum5 x1q0g3np x1nhvcw1"><div class="x1r8uery x1iyjqo2 xs83m0k xeuugli"><div geotextcolor="value" data-hover="tooltip" data-tooltip-display="overflow" data-tooltip-text-direction="auto" class="_7el8 _as5y x1vvvo52 x1fvot60 xo1l8bm xxio538 x1lliihq">${value}</div>${sub}</div><div class="xcklp1c x2lah0s"><div class="xdj266r xat24cr x14z9mp"></div></div></div></div><div data-visualcompletion="ignore" class=""></div></span>`;
    }
  }
  return `<span data-surface-wrapper="1" data-surface="${surface}" style="display: contents;"><div ${box}>${inner}</div></span>`;
}

/** One row at vertical position `top`, with Meta's two panes (frozen columns, scrollable columns). */
export function rowHtml(row: RowData, top: number, mark = false): string {
  const cells = (from: number, to: number) => {
    let out = '';
    for (let c = from; c < to; c++) out += cellHtml(row.id, c, row.cells[c] ?? null, mark);
    return out;
  };
  const width = FROZEN_WIDTH + SCROLL_WIDTH;
  return `<span data-surface-wrapper="1" data-surface="/am/table/table_row:${row.id}unit" style="display: contents;"><div class="_1gda _2djg" style="width: ${width}px; height: 46px; z-index: 0; transform: translate(0px, ${top}px);"><div class="_1gd4 _4li _4lo _52nn _4muv" role="presentation" style="width: ${width}px; height: 46px;"><div class="_1gd5"><div class="x10l6tqk x13vifvy" style="height: 46px; left: 0px;"><div class="_3pzj" style="height: 46px; width: ${FROZEN_WIDTH}px; z-index: 2;">${cells(0, FROZEN)}</div></div><div class="x10l6tqk x13vifvy" style="height: 46px; left: ${FROZEN_WIDTH}px;"><div class="_3pzj" style="height: 46px; width: ${SCROLL_WIDTH}px; z-index: 0;">${cells(FROZEN, COLUMNS.length)}</div></div></div></div></div></span>`;
}

function headerHtml(): string {
  const cell = (c: Column, i: number) =>
    `<div role="columnheader" tabindex="-1" class="_4lgc _4h2u" style="height: 40px; width: ${c.width}px; left: ${LEFTS[i]}px;"><div class="_1b33 _8vvz">${
      c.header
        ? `<span role="heading" aria-level="2" class="x1vvvo52 x1fvot60 xxio538"><div class="x1rg5ohu xuxw1ft">${esc(c.header)}</div></span><span class="accessible_elem">Open Inline Column Action Menu</span>`
        : ''
    }</div></div>`;
  const frozen = COLUMNS.slice(0, FROZEN).map(cell).join('');
  const scroll = COLUMNS.slice(FROZEN)
    .map((c, i) => cell(c, i + FROZEN))
    .join('');
  return `<div class="_1gd4 _4li _52nn _1mif" role="row" style="height: 40px; position: relative;"><div class="x10l6tqk x13vifvy" style="height: 40px; left: 0px;"><div class="_3pzj" style="height: 40px; width: ${FROZEN_WIDTH}px; z-index: 2;">${frozen}</div></div><div class="x10l6tqk x13vifvy" style="height: 40px; left: ${FROZEN_WIDTH}px;"><div class="_3pzj" style="height: 40px; width: ${SCROLL_WIDTH}px;">${scroll}</div></div></div>`;
}

function footerHtml(rows: number): string {
  const totals = COLUMNS.slice(FROZEN)
    .map(
      (c, i) =>
        `<span data-surface-wrapper="1" data-surface="/am/table/table_row:-1/table_cell:${c.key}" style="display: contents;"><div class="_4lg0 _4h2m" style="height: 46px; width: ${c.width}px; left: ${LEFTS[i + FROZEN]}px;"><div class="_1b33 _av2o"><div data-hover="tooltip" data-tooltip-display="overflow" class="x1vvvo52 x1fvot60"><span>—</span></div></div></div></span>`,
    )
    .join('');
  return `<div data-pagelet="FixedDataTableNew_footerRow" class="_1gda _2djh" style="height: 46px; position: relative;"><span><div class="_1gd4 _4li _52nn" role="presentation"><div class="_1gd5"><div class="x10l6tqk x13vifvy" style="height: 46px; left: 0px;"><div class="_3pzj" style="height: 46px; width: ${FROZEN_WIDTH}px; z-index: 2;"><div class="_4lg0 _4h2m" style="height: 46px; width: ${FROZEN_WIDTH}px; left: 0px;"><div class="_1b33 x1iyjqo2"><div class="x1vvvo52 x1fvot60">Results from ${count.format(rows)} campaigns</div><div class="x1vvvo52 xw23nyj">Excludes deleted items</div></div></div></div></div><div class="x10l6tqk x13vifvy" style="height: 46px; left: ${FROZEN_WIDTH}px;"><div class="_3pzj" style="height: 46px; z-index: 0;">${totals}</div></div></div></div></span></div>`;
}

/** Layout for the class names the generated markup uses (Meta's own CSS is not part of the page). */
export const TABLE_CSS = `
body { margin: 0; font: 12px system-ui, sans-serif; }
._1gda { position: absolute; left: 0; top: 0; }
._1gd5, ._1gd4 { position: relative; }
.x10l6tqk { position: absolute; top: 0; }
._3pzj { position: absolute; top: 0; left: 0; }
._4lg0, ._4lgc { position: absolute; top: 0; overflow: hidden; white-space: nowrap; box-sizing: border-box; padding: 4px 8px; border-bottom: 1px solid #ddd; }
._13is, .ellipsis { overflow: hidden; text-overflow: ellipsis; }
.x1lliihq.xlshs6z { display: none; }
`;

/** Page chrome around the table: navigation, the account switcher (name + id), the date range. */
export function chromeHtml(): string {
  return `<div role="navigation" aria-label="Ads Manager" class="x78zum5 xdt5ytf"><a href="#" class="x1i10hfl"><span class="x1lliihq">Campaigns</span></a><a href="#" class="x1i10hfl"><span class="x1lliihq">Ads reporting</span></a><a href="#" class="x1i10hfl"><span class="x1lliihq">Audiences</span></a></div><div role="banner" class="x78zum5 x1q0g3np"><div role="button" tabindex="0" aria-haspopup="listbox" aria-label="Ad account" class="x1i10hfl"><div class="x78zum5 xdt5ytf"><div class="x1vvvo52"><span>Northwind Outdoor – US</span></div><div class="x1vvvo52 xw23nyj"><span>${META_ACCOUNT}</span></div></div></div><div role="button" tabindex="0" aria-haspopup="dialog" class="x1i10hfl"><span data-surface-wrapper="1" data-surface="/am/table/stats_range" style="display: contents;"><div role="presentation" class="x6s0dn4 x78zum5"><span class="x1vvvo52">This month: Nov 1, 2026 – Nov 21, 2026</span></div></span></div></div>`;
}

/**
 * The table element: header, a body of `bodyHeight` px holding `rowsHtml`, the footer. `scrollHeight` makes the
 * body its own scroller (virtualised page); without it the page scrolls.
 */
export function tableHtml(rowsHtml: string, rowCount: number, viewport?: number): string {
  const body = viewport
    ? `<div id="bench-viewport" style="height: ${viewport}px; overflow: auto; position: relative;"><div class="_1t0w" style="position: relative; height: ${rowCount * ROW_HEIGHT}px;">${rowsHtml}</div></div>`
    : `<div class="_1t0w" style="position: relative; height: ${rowCount * ROW_HEIGHT}px;">${rowsHtml}</div>`;
  return `<div role="main" class="x9f619 x1n2onr6"><span data-surface-wrapper="1" data-non-int-surface="/am/int:_/table/int:AdsPEManagementTableInnerContainer.react" style="display: contents;"><div class="_3hi _1mie" role="table" aria-rowcount="${rowCount + 2}" style="position: relative; width: ${FROZEN_WIDTH + SCROLL_WIDTH}px;">${headerHtml()}${body}${footerHtml(rowCount)}</div></span></div>`;
}

/** The whole table with every row rendered (the full-read benchmark). */
export function fullTableHtml(rowCount: number, seed: number): string {
  const parts: string[] = [];
  for (let i = 0; i < rowCount; i++) parts.push(rowHtml(rowData(seed, i), i * ROW_HEIGHT));
  return chromeHtml() + tableHtml(parts.join(''), rowCount);
}
