import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixturePages } from '../../scripts/lib/fixtures.mjs';
import {
  clearStores,
  expectNoOutsideRequests,
  launchExtensionBrowser,
  openExtensionPage,
  screenshot,
  waitFor,
  type ExtensionBrowser,
} from './harness';

/**
 * The in-page overlay in real Chromium, on every platform's fixtures served at their real URLs: chips with
 * the right values and statuses for targets set here, the summary panel, the not-recognised notice, rows
 * recycled by a virtualised table, the host page's layout left alone, and a clean exit when the extension goes away.
 */

interface FixturePage {
  platform: string;
  name: string;
  html: string;
  expected: {
    url: string;
    currency: string | null;
    entities: {
      entity_id: string | null;
      entity_name: string | null;
      spend: number | null;
      conversions: number | null;
      conversion_value: number | null;
      roas: number | null;
      leads?: number | null;
      optional?: boolean;
    }[];
    reason_includes?: string;
  };
}

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown>; reload(): void };
  storage: { local: { set(items: object): Promise<void>; remove(key: string): Promise<void> } };
};

const fixtures = listFixturePages() as FixturePage[];
const fixture = (platform: string, name: string) => {
  const found = fixtures.find((f) => f.platform === platform && f.name === name);
  if (!found) throw new Error(`no fixture ${platform}/${name}`);
  return found;
};

const META_ACCOUNT = '583920174615290';
const TARGETS = {
  cpa: 20,
  roas: 4.5,
  cpl: 10,
  budget: 10000,
};

// ---------------------------------------------------------------------------------------------------------
// What the page shows

interface ChipSeen {
  kpi: string;
  value: string;
  status: string;
  words: string;
  tip: string;
}
interface HostSeen {
  key: string;
  /** The entity the host's row currently shows (from the page's own markup), when it can be told. */
  rowKey: string | null;
  chips: ChipSeen[];
}

/** Every chip host with its chips, and the entity key of the row it sits in (Meta: the cell's surface). */
async function hostsOn(page: Page): Promise<HostSeen[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('kpi-lens-chips')].map((host) => {
      const surface = host.closest('[data-surface*="/table_row:"]')?.getAttribute('data-surface') ?? '';
      const rowKey =
        /\/table_row:(\d+)/.exec(surface)?.[1] ??
        host.closest('[data-row-key]')?.getAttribute('data-row-key') ??
        null;
      return {
        key: host.getAttribute('data-entity-key') ?? '',
        rowKey,
        chips: [...(host.shadowRoot?.querySelectorAll('.chip') ?? [])].map((c) => {
          const el = c as HTMLElement;
          return {
            kpi: el.dataset.kpi ?? '',
            value: el.querySelector('.v')?.textContent ?? '',
            status: el.dataset.status ?? '',
            words: el.querySelector('.s')?.textContent ?? '',
            tip: el.dataset.tip ?? '',
          };
        }),
      };
    }),
  );
}

/** The number in a chip ("$21.63", "₫1,831", "UAH 1,234.56", "4.06×"); null for "—". */
function numberIn(text: string): number | null {
  if (text.includes('—')) return null;
  const digits = text.replace(/[^\d.-]/g, '');
  return digits ? Number(digits) : null;
}

// ---------------------------------------------------------------------------------------------------------
// What the test expects, worked out here from the fixture's expected reading

type Entity = FixturePage['expected']['entities'][number];

function keyOf(e: Entity): string {
  return e.entity_id ?? `name:${e.entity_name}`;
}

function isLead(e: Entity): boolean {
  return e.leads != null && e.conversion_value == null && e.roas == null;
}

function judge(value: number | null, target: number, atMost: boolean): string {
  if (value === null) return 'unknown';
  const shortfall = atMost ? value - target : target - value;
  const distance = shortfall / target;
  if (distance <= 1e-9) return 'on-track';
  return distance <= 0.1 + 1e-9 ? 'at-risk' : 'off-track';
}

function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  return a == null || b == null || b <= 0 ? null : a / b;
}

function expectedChips(e: Entity): { kpi: string; value: number | null; status: string }[] {
  if (isLead(e)) {
    const cpl = ratio(e.spend, e.leads);
    return [{ kpi: 'cpl', value: cpl, status: judge(cpl, TARGETS.cpl, true) }];
  }
  const cpa = ratio(e.spend, e.conversions);
  // ROAS from conversion value ÷ spend when both are read, else the page's own ROAS column.
  const roas = e.conversion_value != null ? ratio(e.conversion_value, e.spend) : e.roas;
  return [
    { kpi: 'cpa', value: cpa, status: judge(cpa, TARGETS.cpa, true) },
    { kpi: 'roas', value: roas, status: judge(roas, TARGETS.roas, false) },
  ];
}

function digitsOf(currency: string | null): number {
  return currency === 'VND' || currency === 'JPY' ? 0 : 2;
}

function expectChipsMatch(hosts: HostSeen[], fx: FixturePage, label: string) {
  const byKey = new Map(fx.expected.entities.map((e) => [keyOf(e), e]));
  expect(hosts.length, `${label}: chip hosts`).toBeGreaterThan(0);
  for (const host of hosts) {
    const entity = byKey.get(host.key);
    expect(entity, `${label}: a host for an entity the page does not show (${host.key})`).toBeDefined();
    if (host.rowKey !== null) expect(host.rowKey, `${label}: chip on another row`).toBe(host.key);
    const want = expectedChips(entity!);
    expect(
      host.chips.map((c) => c.kpi),
      `${label} ${host.key}`,
    ).toEqual(want.map((w) => w.kpi));
    host.chips.forEach((chip, i) => {
      const w = want[i]!;
      const places = w.kpi === 'roas' ? 2 : digitsOf(fx.expected.currency);
      if (w.value === null) expect(chip.value, `${label} ${host.key} ${w.kpi}`).toBe('—');
      else
        expect(numberIn(chip.value), `${label} ${host.key} ${w.kpi}: ${chip.value}`).toBeCloseTo(
          w.value,
          places === 0 ? 0 : 2,
        );
      expect(chip.status, `${label} ${host.key} ${w.kpi}: ${chip.tip}`).toBe(w.status);
      // Status in words, never colour alone; and an explanation for the tooltip.
      expect(chip.words).toBe(
        { 'on-track': 'On track', 'at-risk': 'At risk', 'off-track': 'Off track', unknown: 'Unknown' }[
          w.status
        ],
      );
      expect(chip.tip).toMatch(new RegExp(`^${w.kpi.toUpperCase()} `));
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Setting up the extension as a user would (its own storage and messages)

async function setTargets(ext: ExtensionBrowser): Promise<void> {
  // The background creates the database on first use; ask it for the (empty) list first.
  const options = await openExtensionPage(ext, 'options.html');
  await options.evaluate(() => chrome.runtime.sendMessage({ type: 'targets:list' }));
  await options.close();
  const rows = [
    { id: 'e2e-cpa', kpi: 'cpa', direction: 'atMost', value: TARGETS.cpa, scope: { kind: 'all' } },
    { id: 'e2e-roas', kpi: 'roas', direction: 'atLeast', value: TARGETS.roas, scope: { kind: 'all' } },
    { id: 'e2e-cpl', kpi: 'cpl', direction: 'atMost', value: TARGETS.cpl, scope: { kind: 'all' } },
    {
      id: 'e2e-budget',
      kpi: 'budget',
      direction: 'atMost',
      value: TARGETS.budget,
      period: 'month',
      scope: { kind: 'account', platform: 'meta', accountId: META_ACCOUNT },
    },
  ].map((t, position) => ({ currency: null, period: null, tolerance: 0.1, muted: false, ...t, position }));
  await ext.worker().evaluate(
    (targets) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('kpi-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('targets', 'readwrite');
          for (const t of targets) tx.objectStore('targets').put(t);
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => (db.close(), reject(tx.error));
        };
      }),
    rows,
  );
}

async function setSettings(ext: ExtensionBrowser, settings: object | null): Promise<void> {
  const options = await openExtensionPage(ext, 'options.html');
  if (settings) await options.evaluate((s) => chrome.storage.local.set({ settings: s }), settings);
  else await options.evaluate(() => chrome.storage.local.remove('settings'));
  await options.close();
}

const consoleProblems: string[] = [];

async function open(ext: ExtensionBrowser, fx: FixturePage, url = fx.expected.url): Promise<Page> {
  ext.serve(url, fx.html);
  const page = await ext.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(`${fx.name}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleProblems.push(`${fx.name}: ${e.message}`));
  await page.goto(url);
  return page;
}

async function waitForHosts(page: Page, count: number, timeoutMs = 15_000): Promise<HostSeen[]> {
  return waitFor(
    () => hostsOn(page),
    (h) => h.length === count && h.every((x) => x.chips.length > 0),
    timeoutMs,
  );
}

async function openPanel(page: Page): Promise<string> {
  const bar = page.locator('kpi-lens-panel button.bar');
  await bar.waitFor({ timeout: 15_000 });
  if ((await bar.getAttribute('aria-expanded')) !== 'true') await bar.click();
  await page.locator('kpi-lens-panel .body').waitFor();
  return (await page.locator('kpi-lens-panel .panel').innerText()).replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------------------------------------------

const RECOGNISED = [
  ['meta', 'campaigns-en-usd'],
  ['meta', 'adsets-vi-vnd'],
  ['meta', 'ads-uk-uah'],
  ['google', 'campaigns-en-usd'],
  ['google', 'adgroups-de-eur'],
  ['google', 'keywords-vi-vnd'],
  ['tiktok', 'campaigns-wc-en-usd'],
  ['tiktok', 'adgroups-legacy-sar'],
] as const;

describe('the in-page overlay', () => {
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    ext = await launchExtensionBrowser();
    await clearStores(ext);
    await setTargets(ext);
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext?.close();
  });

  it.each(RECOGNISED)(
    '%s/%s: chips with the right values and statuses in every row',
    async (platform, name) => {
      const fx = fixture(platform, name);
      const page = await open(ext, fx);
      const want = fx.expected.entities.filter((e) => !e.optional).length;
      const hosts = await waitForHosts(page, want);
      expectChipsMatch(hosts, fx, `${platform}/${name}`);
      await screenshot(page, `overlay-${platform}-${name}`);
      await page.close();
    },
  );

  it('the tooltip explains a chip on hover and on keyboard focus', async () => {
    const fx = fixture('meta', 'campaigns-en-usd');
    const page = await open(ext, fx);
    await waitForHosts(page, 4);
    const chip = page.locator('kpi-lens-chips[data-entity-key="120212345678900011"] .chip[data-kpi="cpa"]');
    await chip.hover();
    const tip = page.locator('kpi-lens-tooltip .tip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    // 3071.46 ÷ 142 = 21.63, 8.1 % over the $20 cap: at risk.
    expect(await tip.textContent()).toBe('CPA $21.63 = $3,071.46 ÷ 142 · target ≤ $20.00 · 8.1% over');
    await screenshot(page, 'overlay-meta-tooltip');
    await page.mouse.move(5, 5);
    await expect.poll(() => tip.isVisible()).toBe(false);
    // Keyboard: focus the chip (it is a tab stop), the same text shows; Escape hides it.
    await chip.focus();
    await expect.poll(() => tip.textContent()).toMatch(/^CPA \$21\.63 = /);
    await page.keyboard.press('Escape');
    await expect.poll(() => tip.isVisible()).toBe(false);
    await page.close();
  });

  it('TikTok’s narrow name cells: one compact status chip over the cell’s corner, every chip in its tooltip', async () => {
    const fx = fixture('tiktok', 'campaigns-wc-en-usd');
    const page = await open(ext, fx);
    const hosts = await waitForHosts(page, 3);
    expectChipsMatch(hosts, fx, 'tiktok compact');
    const seen = await waitFor(
      () =>
        page.evaluate(() =>
          [...document.querySelectorAll('kpi-lens-chips')].map((h) => {
            const sum = h.shadowRoot!.querySelector('.sum') as HTMLElement;
            const cell = h.parentElement!.getBoundingClientRect();
            const box = sum.getBoundingClientRect();
            return {
              key: h.getAttribute('data-entity-key'),
              fit: h.getAttribute('data-fit'),
              placed: h.hasAttribute('data-placed'),
              visible: getComputedStyle(sum).visibility === 'visible',
              inside:
                box.width > 0 &&
                box.left >= cell.left &&
                box.right <= cell.right &&
                box.top >= cell.top &&
                box.bottom <= cell.bottom,
              shown: sum.querySelector('.y')?.textContent,
              name: sum.querySelector('.vh')?.textContent,
              status: sum.dataset.status,
              description: sum.getAttribute('aria-description'),
              fullChipsShown: [...h.shadowRoot!.querySelectorAll('.chip')].some(
                (c) => getComputedStyle(c).display !== 'none',
              ),
            };
          }),
        ),
      (list) => list.length === 3 && list.every((x) => x.placed),
    );
    for (const h of seen) {
      expect(h, JSON.stringify(h)).toMatchObject({ fit: 'overlay', visible: true, inside: true });
      expect(h.fullChipsShown).toBe(false);
    }
    // Row 1: CPA $27.43 and ROAS 2.35× are both off track: the compact chip says so, the description in words.
    const first = seen.find((h) => h.key === '1800000000000001')!;
    expect(first.status).toBe('off-track');
    expect(first.shown).toBe('✕');
    expect(first.name).toBe('CPA Off track');
    expect(first.description).toBe('CPA $27.43 Off track; ROAS 2.35× Off track');
    const sum = page.locator('kpi-lens-chips[data-entity-key="1800000000000001"] .sum');
    await sum.hover();
    const tip = page.locator('kpi-lens-tooltip .tip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const lines = (await tip.innerText()).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^CPA \$27\.43 = /);
    expect(lines[1]).toMatch(/^ROAS 2\.35× /);
    await screenshot(page, 'overlay-tiktok-compact-tooltip');
    await page.mouse.move(5, 5);
    await expect.poll(() => tip.isVisible()).toBe(false);
    // A tab stop, like the chips: keyboard users get the same tooltip.
    await sum.focus();
    await expect.poll(() => tip.textContent()).toMatch(/^CPA \$27\.43 = /);
    await page.close();
  });

  it('the summary panel works from the keyboard: Enter opens it, Tab reaches its buttons in order', async () => {
    const page = await open(ext, fixture('google', 'campaigns-en-usd'));
    await waitForHosts(page, 3);
    const bar = page.locator('kpi-lens-panel button.bar');
    await bar.waitFor();
    await bar.focus();
    expect(await bar.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    await expect.poll(() => bar.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => page.locator('kpi-lens-panel .body').isVisible()).toBe(true);
    const focused = () =>
      page.evaluate(() => {
        const root = document.querySelector('kpi-lens-panel')?.shadowRoot;
        const el = root?.activeElement as HTMLElement | null | undefined;
        return el ? `${el.classList.contains('bar') ? 'bar' : el.textContent}` : null;
      });
    // The page shows a bare $: the account's currency question comes right after the bar.
    // Then each totals line's KPI a target can be set from (in the panel's order), then the panel's own buttons.
    const kpis = await page
      .locator('kpi-lens-panel button.label.edit')
      .evaluateAll((els) => els.map((e) => e.textContent));
    expect(kpis.length).toBeGreaterThan(0);
    const order = ['Confirm', 'Choose another', 'Don’t ask again', ...kpis, 'Hide on Google Ads', 'Options'];
    for (const name of order) {
      await page.keyboard.press('Tab');
      expect(await focused()).toBe(name);
    }
    for (const _ of order) await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('bar');
    await page.keyboard.press('Space');
    await expect.poll(() => bar.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('kpi-lens-panel .body').isVisible()).toBe(false);
    await page.close();
  });

  it('the summary panel: totals against targets, budget pacing and forecast, what was read and saved', async () => {
    const fx = fixture('meta', 'campaigns-en-usd');
    // The table's range made "this month up to yesterday" in the browser's time zone, so the budget is judged.
    const probe = await ext.context.newPage();
    const today = await probe.evaluate(() => new Date().toLocaleDateString('en-CA'));
    await probe.close();
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const first = `${today.slice(0, 8)}01`;
    const url = fx.expected.url.replace(/date=[^&]+/, `date=${first}_${today}%2Cthis_month`);
    const page = await open(ext, fx, url);
    await waitForHosts(page, 4);
    const text = await openPanel(page);
    const spend = fx.expected.entities.reduce((s, e) => s + (e.spend ?? 0), 0);
    expect(text).toContain('Spend $7,401.85');
    // CPA over the rows that know both spend and conversions: Σspend ÷ Σconversions.
    const withConv = fx.expected.entities.filter((e) => e.conversions != null);
    const cpa = withConv.reduce((s, e) => s + e.spend!, 0) / withConv.reduce((s, e) => s + e.conversions!, 0);
    expect(text).toContain(`CPA $${cpa.toFixed(2)} ✓ On track target ≤ $20.00`);
    expect(text).toMatch(/ROAS 4\.30× ! At risk target ≥ 4\.50× · 4\.5% under · from 2 of 4 rows/);
    expect(text).toContain('Currency USD (assumed from the symbol)');
    expect(text).toContain('Rows read 4 of 4');
    expect(text).toContain('Level campaign');
    expect(text).toMatch(/Account Northwind Outdoor – US \(583920174615290\)/);
    await expect.poll(async () => (await openPanel(page)).match(/Last saved (\S+ [AP]M)/)?.[1]).toBeTruthy();
    if (d > 1) {
      const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const expected = (TARGETS.budget * (d - 1)) / days;
      const money = (v: number) =>
        new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(v);
      expect(text).toContain('Monthly budget $10,000.00');
      expect(text).toContain(`Spent to date ${money(spend)}`);
      expect(text).toContain(`Expected by now ${money(expected)}`);
      // Grouped as the UI groups it: early in the month pacing runs into the thousands ("2,295%").
      const percent = new Intl.NumberFormat('en-US').format(Math.round((spend / expected) * 100));
      expect(text).toContain(`Pacing ${percent}%`);
      expect(text).toContain(`Month-end forecast ${money((spend / (d - 1)) * days)}`);
      expect(text).toContain(
        `Required daily spend ${money(Math.max(0, TARGETS.budget - spend) / (days - d + 1))}`,
      );
    }
    await screenshot(page, 'overlay-meta-panel');
    await page.close();
  });

  it.each([
    ['google', 'billing-summary-unsupported'],
    ['tiktok', 'campaigns-wc-loading'],
  ] as const)(
    '%s/%s: the panel says the page was not recognised, and why; no chips',
    async (platform, name) => {
      const fx = fixture(platform, name);
      const page = await open(ext, fx);
      await expect
        .poll(() => page.locator('kpi-lens-panel .headline').textContent(), { timeout: 15_000 })
        .toBe('Page not recognised');
      const text = await openPanel(page);
      expect(text).toContain('KPI Lens does not recognise this page');
      if (fx.expected.reason_includes)
        expect(text.toLowerCase()).toContain(fx.expected.reason_includes.toLowerCase());
      expect(await hostsOn(page)).toEqual([]);
      await screenshot(page, `overlay-${platform}-${name}`);
      await page.close();
    },
  );

  it('a virtualised table that recycles its row elements never shows a chip on the wrong row', async () => {
    const fx = fixture('meta', 'campaigns-virtual-window');
    const other = fixture('meta', 'campaigns-virtual-scrolled');
    const page = await open(ext, fx);
    const before = await waitForHosts(page, 12);
    expectChipsMatch(before, fx, 'window');
    await screenshot(page, 'overlay-meta-virtual-before');

    // "Scroll": the same 12 row elements now stand for rows 25–36 (their surfaces' ids change in place).
    const from = fx.expected.entities.map((e) => e.entity_id!);
    const to = other.expected.entities.map((e) => e.entity_id!);
    const swap = (a: string[], b: string[]) =>
      page.evaluate(
        ([a, b]) =>
          new Promise<{ key: string; rowKey: string | null }[]>((resolve) => {
            const map = new Map(a.map((id, i) => [id, b[i]!]));
            for (const el of document.querySelectorAll('[data-surface*="/table_row:"]')) {
              const s = el.getAttribute('data-surface')!;
              const next = s.replace(/\/table_row:(\d+)/, (all, id: string) =>
                map.has(id) ? `/table_row:${map.get(id)}` : all,
              );
              if (next !== s) el.setAttribute('data-surface', next);
            }
            // Two frames later (no reading has happened yet), look at every host.
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                resolve(
                  [...document.querySelectorAll('kpi-lens-chips')].map((h) => ({
                    key: h.getAttribute('data-entity-key')!,
                    rowKey:
                      /\/table_row:(\d+)/.exec(
                        h.closest('[data-surface*="/table_row:"]')?.getAttribute('data-surface') ?? '',
                      )?.[1] ?? null,
                  })),
                ),
              ),
            );
          }),
        [a, b] as const,
      );

    const right = await swap(from, to);
    // The recycled rows' entities were never evaluated: their old chips are gone, none is misplaced.
    expect(right.filter((h) => h.key !== h.rowKey)).toEqual([]);
    expect(right).toEqual([]);
    // Once the table is quiet the new rows are read and get their own chips.
    const scrolled = await waitForHosts(page, 12);
    expect(scrolled.every((h) => h.key === h.rowKey && to.includes(h.key))).toBe(true);
    await screenshot(page, 'overlay-meta-virtual-scrolled');

    // And back: the first rows' chips come back from the cache at once, identical to before.
    const back = await swap(to, from);
    expect(back.filter((h) => h.key !== h.rowKey)).toEqual([]);
    expect(back.length).toBe(12);
    const again = await hostsOn(page);
    expect(again.map((h) => [h.key, h.chips])).toEqual(before.map((h) => [h.key, h.chips]));
    await page.close();
  });

  const CELLS =
    '[role="row"], [role="gridcell"], [role="cell"], [role="columnheader"], td, th, [essfield], [data-row-key], [data-row-key] > *, [data-surface*="/table_cell:"] > *';
  const PROPS = [
    'display',
    'position',
    'box-sizing',
    'width',
    'height',
    'padding-left',
    'padding-right',
    'margin-left',
    'margin-right',
    'font-size',
    'font-weight',
    'line-height',
    'color',
    'background-color',
    'overflow',
    'white-space',
    'text-align',
    'vertical-align',
  ];

  async function fits(page: Page) {
    return page.evaluate(() =>
      [...document.querySelectorAll('kpi-lens-chips')].map((h) => ({
        fit: h.getAttribute('data-fit'),
        placed: h.hasAttribute('data-placed'),
      })),
    );
  }

  async function cellGeometry(page: Page) {
    return page.evaluate(
      ({ selector, props }) =>
        [...document.querySelectorAll(selector)].map((el) => {
          const r = el.getBoundingClientRect();
          const cs = getComputedStyle(el);
          return [
            el.tagName,
            Math.round(r.x * 100) / 100,
            Math.round(r.y * 100) / 100,
            Math.round(r.width * 100) / 100,
            Math.round(r.height * 100) / 100,
            ...props.map((p) => cs.getPropertyValue(p)),
          ].join('|');
        }),
      { selector: CELLS, props: PROPS },
    );
  }

  // Where the name cell has room (Meta's fixed-data-table geometry, the Google fixture's cells) the chips sit
  // beside the name; where they would make the row grow (the TikTok fixtures' rows are as tall as their
  // text, in 130 px name cells) one compact chip is laid over the cell instead. Either way no box moves.
  it.each([
    ['meta', 'campaigns-en-usd', 4],
    ['meta', 'campaigns-virtual-window', 12],
    ['google', 'campaigns-en-usd', 3],
    ['tiktok', 'campaigns-wc-en-usd', 3],
    ['tiktok', 'adgroups-legacy-sar', 3],
  ] as const)(
    '%s/%s: table cells keep their computed styles and positions with the overlay on',
    async (platform, name, count) => {
      const fx = fixture(platform, name);
      const on = await open(ext, fx);
      await waitForHosts(on, count);
      await on.locator('kpi-lens-panel button.bar').waitFor();
      // Every host has settled (inline, or its compact chip placed) before the page is measured.
      await waitFor(
        () => fits(on),
        (f) => f.length === count && f.every((x) => x.fit === 'inline' || x.placed),
      );
      const withOverlay = await cellGeometry(on);
      await on.close();

      await setSettings(ext, { version: 2, overlay: { enabled: false } });
      const off = await open(ext, fx);
      // Give the extension time to (wrongly) draw anything, then compare.
      await off.waitForTimeout(1500);
      expect(await hostsOn(off)).toEqual([]);
      expect(await off.locator('kpi-lens-panel').count()).toBe(0);
      const without = await cellGeometry(off);
      await off.close();
      await setSettings(ext, null);

      expect(without.length).toBeGreaterThan(10);
      expect(withOverlay).toEqual(without);
    },
  );

  it('chips are readable on a dark host theme (own colours; contrast of at least 4.5:1)', async () => {
    const fx = fixture('meta', 'campaigns-en-usd');
    const page = await open(ext, fx);
    await waitForHosts(page, 4);
    await page.addStyleTag({
      content:
        'body, [role="table"], ._1gda, ._3pzj, ._4lg0 { background: #18191a !important; color: #e4e6eb !important; }',
    });
    const ratios = await page.evaluate(() => {
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
          const x = Number(v) / 255;
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        }) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      return [...document.querySelectorAll('kpi-lens-chips')].flatMap((h) =>
        [...h.shadowRoot!.querySelectorAll('.chip')].map((c) => {
          const cs = getComputedStyle(c);
          const [a, b] = [lum(cs.color), lum(cs.backgroundColor)].sort((x, y) => y - x) as [number, number];
          return (a + 0.05) / (b + 0.05);
        }),
      );
    });
    expect(ratios.length).toBe(7);
    for (const r of ratios) expect(r).toBeGreaterThanOrEqual(4.5);
    await openPanel(page);
    await screenshot(page, 'overlay-meta-dark-host');
    await page.close();
  });

  it('"Hide on Meta" hides chips and panel on Meta and saves it; other platforms keep the overlay', async () => {
    const fx = fixture('meta', 'ads-uk-uah');
    const page = await open(ext, fx);
    await waitForHosts(page, 3);
    await openPanel(page);
    await page.locator('kpi-lens-panel').getByRole('button', { name: 'Hide on Meta Ads Manager' }).click();
    await expect.poll(() => hostsOn(page)).toEqual([]);
    await expect.poll(() => page.locator('kpi-lens-panel').count()).toBe(0);
    const google = await open(ext, fixture('google', 'adgroups-de-eur'));
    await waitForHosts(google, 3);
    await google.close();
    await page.close();
    await setSettings(ext, null);
  });

  it('"Options" opens the options page', async () => {
    const page = await open(ext, fixture('tiktok', 'campaigns-wc-en-usd'));
    await openPanel(page);
    const opened = ext.context.waitForEvent('page');
    await page.locator('kpi-lens-panel').getByRole('button', { name: 'Options' }).click();
    const options = await opened;
    await options.waitForLoadState();
    // Chrome opens `options_ui` pages in their own tab or inside chrome://extensions, by manifest.
    expect(
      options.url() === ext.extensionUrl('options.html') ||
        options.url().includes(`options=${ext.extensionId}`),
      options.url(),
    ).toBe(true);
    await options.close();
    await page.close();
  });

  it('an in-app navigation to a page that is not a report removes every chip and says so', async () => {
    const fx = fixture('meta', 'campaigns-en-usd');
    const page = await open(ext, fx);
    await waitForHosts(page, 4);
    await page.evaluate(() => history.pushState({}, '', '/adsmanager/manage/all_tools?act=583920174615290'));
    await expect.poll(() => hostsOn(page), { timeout: 10_000 }).toEqual([]);
    await expect
      .poll(() => page.locator('kpi-lens-panel .headline').textContent(), { timeout: 10_000 })
      .toBe('Page not recognised');
    // Back to the report: the chips return, once each.
    await page.evaluate((url) => history.pushState({}, '', url), fx.expected.url);
    const hosts = await waitForHosts(page, 4);
    expectChipsMatch(hosts, fx, 'after navigating back');
    await page.close();
  });

  it.each([
    ['vi', 'meta', 'adsets-vi-vnd', 'Chệch mục tiêu', 'Bảng này', 'Ẩn trên Meta Ads Manager'],
    ['uk', 'meta', 'ads-uk-uah', 'Поза ціллю', 'Ця таблиця', 'Сховати на Meta Ads Manager'],
  ] as const)(
    'in the language chosen in the options (%s): chips, tooltip and panel',
    async (language, platform, name, offTrack, totals, hide) => {
      await setSettings(ext, { version: 2, language });
      const fx = fixture(platform, name);
      const page = await open(ext, fx);
      const hosts = await waitForHosts(page, fx.expected.entities.filter((e) => !e.optional).length);
      const words = new Set(hosts.flatMap((h) => h.chips.map((c) => c.words)));
      expect(words.has(offTrack), [...words].join(', ')).toBe(true);
      expect(hosts.flatMap((h) => h.chips.map((c) => c.tip)).join(' ')).not.toMatch(/\btarget\b|not shown/);
      const text = await openPanel(page);
      // innerText shows headings as styled (upper case).
      expect(text.toLowerCase()).toContain(totals.toLowerCase());
      expect(text).toContain(hide);
      await screenshot(page, `overlay-${platform}-${name}-${language}`);
      await page.close();
      await setSettings(ext, null);
    },
  );

  it('no errors or warnings in the pages’ consoles so far', () => {
    expect(consoleProblems).toEqual([]);
  });

  // Without Developer mode (this profile), `chrome.runtime.reload()` unloads the extension and does not load it
  // again, as when the user disables it. An update that comes back is extension-update.e2e.ts.
  it('an extension that goes away (disabled) removes every chip, the tooltip and the panel, without console errors', async () => {
    const fx = fixture('google', 'campaigns-en-usd');
    const page = await open(ext, fx);
    await waitForHosts(page, 3);
    await page.locator('kpi-lens-panel button.bar').waitFor();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    // The worker goes away while answering: that rejection is expected.
    await ext
      .worker()
      .evaluate(() => chrome.runtime.reload())
      .catch(() => undefined);
    await expect
      .poll(() => page.evaluate(() => document.querySelectorAll('[data-kpi-lens]').length), {
        timeout: 15_000,
      })
      .toBe(0);
    // The table itself is untouched and nothing comes back.
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => document.querySelectorAll('[data-kpi-lens]').length)).toBe(0);
    expect(await page.locator('[role="row"]').count()).toBeGreaterThan(3);
    expect(errors).toEqual([]);
    await page.close();
  });
});
