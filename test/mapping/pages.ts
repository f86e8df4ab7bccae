import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mapping } from '@/lib/mapping/schema';
import { FIXTURES_DIR, parseDocument } from '../helpers/fixtures';

/** The mapped-site pages (test/fixtures/mapped/), parsed at an address of a site KPI Lens has no adapter for. */
export const PAGE_URLS = {
  'plain-table-en': 'https://tracker.example.net/reports/campaigns?from=2026-11-01&to=2026-11-30',
  'div-grid-uk': 'https://partners.example.org/stats/daily',
  'shadow-table-vi': 'https://dash.example.com/app/report',
} as const;
export type PageName = keyof typeof PAGE_URLS;

export function loadPage(name: PageName, { stripClasses = false } = {}): Document {
  const html = readFileSync(join(FIXTURES_DIR, 'mapped', `${name}.html`), 'utf8');
  const doc = parseDocument(html, PAGE_URLS[name], { stripClasses });
  // jsdom runs no page scripts: attach the shadow root the page's own script attaches in a browser.
  const host = doc.querySelector('report-table');
  const template = doc.getElementById('report') as HTMLTemplateElement | null;
  if (host && template) host.attachShadow({ mode: 'open' }).append(template.content.cloneNode(true));
  return doc;
}

/** The mapping a user makes of each page (what the e2e makes through the panel). */
export function mappingOf(name: PageName): Mapping {
  const base = { version: 1 as const, level: 'campaign' as const, createdAt: 1, updatedAt: 1 };
  const host = new URL(PAGE_URLS[name]).host;
  const common = { ...base, id: `map-${name}`, label: host, origin: `https://${host}` };
  if (name === 'plain-table-en')
    return {
      ...common,
      pathPattern: '/reports/*',
      columns: [
        { header: 'Campaign', use: 'name' },
        { header: 'ID', use: 'id' },
        { header: 'Cost', use: 'spend' },
        { header: 'Impressions', use: 'impressions' },
        { header: 'Clicks', use: 'clicks' },
        { header: 'Conversions', use: 'conversions' },
        { header: 'Revenue', use: 'conversionValue' },
      ],
      account: { from: 'page', selector: '#workspace', sample: 'Acme Growth' },
      currency: { from: 'cells' },
      dateRange: { from: 'url-params', start: 'from', end: 'to' },
    };
  if (name === 'div-grid-uk')
    return {
      ...common,
      pathPattern: '/stats/daily',
      columns: [
        { header: 'Кампанія', use: 'name' },
        { header: 'Покази', use: 'impressions' },
        { header: 'Кліки', use: 'clicks' },
        { header: 'Витрачена сума', use: 'spend' },
        { header: 'Ліди', use: 'leads' },
      ],
      account: { from: 'fixed', value: host },
      currency: { from: 'page', selector: 'div > span:nth-of-type(3) > b', sample: 'UAH' },
      dateRange: { from: 'page', selector: '[data-role="range"]', sample: '' },
    };
  return {
    ...common,
    pathPattern: '/app/*',
    columns: [
      { header: 'Chiến dịch', use: 'name' },
      { header: 'Chi phí', use: 'spend' },
      { header: 'Lượt hiển thị', use: 'impressions' },
      { header: 'Lượt nhấp', use: 'clicks' },
      { header: 'Giá trị chuyển đổi', use: 'conversionValue' },
    ],
    account: { from: 'page', selector: '.account', sample: 'VN-778' },
    currency: { from: 'cells' },
    dateRange: { from: 'fixed', start: '2026-11-01', end: '2026-11-30' },
  };
}
