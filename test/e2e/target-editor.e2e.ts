import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixturePages } from '../../scripts/lib/fixtures.mjs';
import {
  clearStores,
  expectNoOutsideRequests,
  launchExtensionBrowser,
  openExtensionPage,
  readStore,
  screenshot,
  type ExtensionBrowser,
} from './harness';

/**
 * Targets set where the numbers are (#13.1): a CPA target for one Meta campaign, from its chip, with the
 * keyboard only; a ROAS target for a whole Google account, from a chip, with the mouse. No options page is
 * opened; the chips of the rows it covers change status within a second of saving; the popup shows the goal;
 * Escape closes the editor and the focus is back on the chip.
 */

interface FixturePage {
  platform: string;
  name: string;
  html: string;
  expected: { url: string; account_id: string };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const fixtures = listFixturePages() as FixturePage[];
const fixture = (platform: string, name: string) => {
  const found = fixtures.find((f) => f.platform === platform && f.name === name);
  if (!found) throw new Error(`no fixture ${platform}/${name}`);
  return found;
};

const BF26 = '120212345678900011';

/** The status word of a row's chip of `kpi` (from its own markup), or null when it is not drawn. */
async function chipStatus(page: Page, entityKey: string, kpi: string): Promise<string | null> {
  return page.evaluate(
    ([key, k]) => {
      for (const host of document.querySelectorAll('kpi-lens-chips')) {
        if (host.getAttribute('data-entity-key') !== key) continue;
        const chip = host.shadowRoot?.querySelector<HTMLElement>(`.chip[data-kpi="${k}"]`);
        if (chip) return chip.dataset.status ?? null;
      }
      return null;
    },
    [entityKey, kpi] as const,
  );
}

/** Which chip has the keyboard focus: "<entity key>/<kpi>", or what else does. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const host = document.activeElement;
    if (host?.localName !== 'kpi-lens-chips') return host?.localName ?? 'nothing';
    const chip = host.shadowRoot?.activeElement as HTMLElement | null;
    return `${host.getAttribute('data-entity-key')}/${chip?.dataset.kpi ?? chip?.className}`;
  });
}

/**
 * Presses Tab from where the focus is until it is on the chip `want` ("<entity key>/<kpi>"), as a keyboard user
 * gets there; returns how many presses it took. Fails when the chip is not among the page's first `max` Tab stops.
 */
async function tabTo(page: Page, want: string, max = 80): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === want) return presses;
  }
  throw new Error(`${want} was not reached with ${max} presses of Tab (last focus: ${await focused(page)})`);
}

async function editorViolations(page: Page): Promise<{ id: string; impact: string | null }[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: Element): Promise<{ violations: { id: string; impact: string | null }[] }> };
      }
    ).axe;
    const result = await axe.run(document.querySelector('kpi-lens-editor')!);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact }));
  });
}

describe('setting a target from a chip, without the options page', () => {
  let ext: ExtensionBrowser;
  const problems: string[] = [];

  beforeAll(async () => {
    ext = await launchExtensionBrowser();
    await clearStores(ext);
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext.close();
  });

  async function open(fx: FixturePage): Promise<Page> {
    ext.serve(fx.expected.url, fx.html);
    const page = await ext.context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(fx.expected.url);
    return page;
  }

  it('Meta, keyboard only: a CPA target for one campaign; its chip turns at risk within a second', async () => {
    const page = await open(fixture('meta', 'campaigns-en-usd'));
    await expect.poll(() => chipStatus(page, BF26, 'cpa'), { timeout: 15_000 }).toBe('none');
    // Keyboard only: from the top of the page, Tab reaches the chip (it is a tab stop in the row's order, after
    // the row's own controls); Enter opens its editor with the value field focused.
    expect(await focused(page)).toBe('body');
    const presses = await tabTo(page, `${BF26}/cpa`);
    // The page's own controls come first (checkbox, toggle, name link…): the chip is reached, not jumped to.
    expect(presses).toBeGreaterThan(1);
    await page.keyboard.press('Enter');
    const editor = page.locator('kpi-lens-editor .editor');
    await editor.waitFor();
    const value = page.locator('kpi-lens-editor #kl-value');
    await expect
      .poll(() => value.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement))
      .toBe(true);
    // Pre-filled from the row ($21.63, rounded), in the row's currency, for this campaign.
    expect(await value.inputValue()).toBe('22');
    expect(await page.locator('kpi-lens-editor #kl-currency').inputValue()).toBe('USD');
    expect(await page.locator('kpi-lens-editor #kl-scope').inputValue()).toBe('campaign');
    expect(await editorViolations(page), 'the editor, by axe').toEqual([]);
    await screenshot(page, 'target-editor-meta');

    await page.keyboard.press('Control+A');
    await page.keyboard.type('20');
    const savedAt = Date.now();
    await page.keyboard.press('Enter');
    // 3071.46 ÷ 142 = 21.63: 8.1 % over a $20 cap, inside the 10 % band.
    await expect.poll(() => chipStatus(page, BF26, 'cpa'), { timeout: 5_000, interval: 25 }).toBe('at-risk');
    const tookMs = Date.now() - savedAt;
    expect(tookMs, `the chip changed ${tookMs} ms after saving`).toBeLessThan(1000);
    expect(await editor.isVisible()).toBe(false);
    await expect.poll(() => focused(page)).toBe(`${BF26}/cpa`);
    // Only that campaign: the other rows' CPA chips still have no target.
    expect(await chipStatus(page, '120212345678900027', 'cpa')).toBe('none');

    const targets = await readStore<Record<string, unknown>>(ext, 'targets');
    expect(targets).toMatchObject([
      {
        kpi: 'cpa',
        direction: 'atMost',
        value: 20,
        currency: 'USD',
        tolerance: 0.1,
        scope: { kind: 'campaign', platform: 'meta', accountId: '583920174615290', entityKey: BF26 },
      },
    ]);
    await page.close();
  });

  it('Escape closes the editor without saving, and the focus goes back to the chip', async () => {
    const page = await open(fixture('meta', 'campaigns-en-usd'));
    await expect.poll(() => chipStatus(page, BF26, 'roas'), { timeout: 15_000 }).toBe('none');
    await tabTo(page, `${BF26}/roas`);
    await page.keyboard.press('Enter');
    await page.locator('kpi-lens-editor .editor').waitFor();
    await page.keyboard.type('9');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('kpi-lens-editor .editor').isVisible()).toBe(false);
    await expect.poll(() => focused(page)).toBe(`${BF26}/roas`);
    expect((await readStore(ext, 'targets')).length).toBe(1);
    await page.close();
  });

  it('Google, with the mouse: a ROAS target for the whole account; every row of it is judged', async () => {
    const fx = fixture('google', 'campaigns-obfuscated-en-usd');
    const page = await open(fx);
    const brand = '20481530771';
    const generic = '20493377102';
    await expect.poll(() => chipStatus(page, generic, 'roas'), { timeout: 15_000 }).toBe('none');
    await page.locator(`kpi-lens-chips[data-entity-key="${generic}"] .chip[data-kpi="roas"]`).click();
    await page.locator('kpi-lens-editor .editor').waitFor();
    await page.locator('kpi-lens-editor #kl-scope').selectOption('account');
    await page.locator('kpi-lens-editor #kl-value').fill('1.5');
    await screenshot(page, 'target-editor-google');
    await page.locator('kpi-lens-editor button[type="submit"]').click();
    // ROAS 1.36 against at least 1.5: 9.3 % short, at risk; 7.94 on track.
    await expect.poll(() => chipStatus(page, generic, 'roas'), { timeout: 5_000 }).toBe('at-risk');
    await expect.poll(() => chipStatus(page, brand, 'roas')).toBe('on-track');
    const targets = await readStore<{ kpi: string; value: number; scope: object }>(ext, 'targets');
    expect(targets.find((t) => t.kpi === 'roas')).toMatchObject({
      value: 1.5,
      scope: { kind: 'account', platform: 'google', accountId: fx.expected.account_id },
    });
    await page.close();
  });

  it('Google, from the panel, keyboard only: a ROAS target for the account; Escape and Save give the focus back to its KPI', async () => {
    const fx = fixture('google', 'campaigns-obfuscated-en-usd');
    const page = await open(fx);
    const brand = '20481530771';
    const generic = '20493377102';
    await expect.poll(() => chipStatus(page, generic, 'roas'), { timeout: 15_000 }).not.toBeNull();
    // The panel's bar, then its ROAS: Tab stops reached with the keyboard.
    const bar = page.locator('kpi-lens-panel .bar');
    await bar.focus();
    await page.keyboard.press('Enter');
    const roas = page.locator('kpi-lens-panel [data-edit-kpi="roas"]');
    await roas.waitFor();
    const panelFocus = () =>
      page.evaluate(
        () =>
          (document.querySelector('kpi-lens-panel')?.shadowRoot?.activeElement as HTMLElement | null)?.dataset
            .editKpi ?? null,
      );
    for (let i = 0; i < 12 && (await panelFocus()) !== 'roas'; i++) await page.keyboard.press('Tab');
    expect(await panelFocus()).toBe('roas');
    await page.keyboard.press('Enter');
    const editor = page.locator('kpi-lens-editor .editor');
    await editor.waitFor();
    expect(await page.locator('kpi-lens-editor #kl-scope').inputValue()).toBe('account');
    await page.keyboard.press('Escape');
    await expect.poll(() => editor.isVisible()).toBe(false);
    await expect.poll(panelFocus).toBe('roas');
    await page.keyboard.press('Enter');
    await editor.waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await screenshot(page, 'target-editor-panel-google');
    const savedAt = Date.now();
    await page.keyboard.press('Enter');
    // ROAS 1.36 against at least 2: off track; 7.94 on track (the chip's own target from before is replaced).
    await expect
      .poll(() => chipStatus(page, generic, 'roas'), { timeout: 5_000, interval: 25 })
      .toBe('off-track');
    const tookMs = Date.now() - savedAt;
    expect(tookMs, `the chip changed ${tookMs} ms after saving`).toBeLessThan(1000);
    expect(await chipStatus(page, brand, 'roas')).toBe('on-track');
    await expect.poll(panelFocus).toBe('roas');
    const targets = await readStore<{ kpi: string; value: number; scope: object }>(ext, 'targets');
    expect(targets.filter((t) => t.kpi === 'roas')).toMatchObject([
      { value: 2, scope: { kind: 'account', platform: 'google', accountId: fx.expected.account_id } },
    ]);
    await page.close();
  });

  it('the popup shows both goals', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.locator('[data-kpi-lens-ready]').waitFor();
    const goals = popup.getByRole('region', { name: 'Goals' });
    await expect.poll(() => goals.textContent(), { timeout: 10_000 }).toMatch(/CPA/);
    expect(await goals.textContent()).toMatch(/ROAS/);
    await screenshot(popup, 'target-editor-popup');
    await popup.close();
    expect(problems).toEqual([]);
  });

  it('a money target for every account needs its currency', async () => {
    const page = await open(fixture('meta', 'campaigns-en-usd'));
    await expect.poll(() => chipStatus(page, BF26, 'cpa'), { timeout: 15_000 }).not.toBeNull();
    await page.locator(`kpi-lens-chips[data-entity-key="${BF26}"] .chip[data-kpi="cpa"]`).click();
    await page.locator('kpi-lens-editor .editor').waitFor();
    await page.locator('kpi-lens-editor #kl-scope').selectOption('all');
    await page.locator('kpi-lens-editor #kl-currency').fill('');
    await page.locator('kpi-lens-editor button[type="submit"]').click();
    await expect
      .poll(() => page.locator('kpi-lens-editor #kl-error').textContent())
      .toMatch(/needs its currency/);
    expect(await page.locator('kpi-lens-editor #kl-currency').getAttribute('aria-invalid')).toBe('true');
    expect((await readStore(ext, 'targets')).length).toBe(2);
    await page.close();
  });
});
