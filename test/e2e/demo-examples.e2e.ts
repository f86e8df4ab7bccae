import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentMonthRange, redatePage } from '../../scripts/lib/demo-dates.mjs';
import {
  expectAccessible,
  expectNoOutsideRequests,
  fixturePage,
  launchExtensionBrowser,
  openExtensionPage,
  readStore,
  screenshot,
  waitFor,
  type ExtensionBrowser,
} from './harness';

/**
 * The demo profile's first run (#13.4), as `npm run demo` sets it up: the example targets imported through the
 * options page's Import backup, and a month-to-date page served dated this month. Every example target says
 * "Example" where it is shown (chip, panel, popup, options), and the monthly budget's pacing is known, judged by
 * the normal code from what the page shows.
 */

const EXAMPLES = 'scripts/demo/example-targets.json';
const ACCOUNT = '583920174615290';
const BF26 = '120212345678900011';
const JUDGED = ['on-track', 'at-risk', 'off-track'];

/** The chip of `kpi` of a row: its status and its explanation (what the tooltip and screen readers say). */
async function chip(page: Page, entityKey: string, kpi: string) {
  return page.evaluate(
    ([key, k]) => {
      for (const host of document.querySelectorAll('kpi-lens-chips')) {
        if (host.getAttribute('data-entity-key') !== key) continue;
        const el = host.shadowRoot?.querySelector<HTMLElement>(`.chip[data-kpi="${k}"]`);
        if (el)
          return { status: el.dataset.status ?? null, explanation: el.getAttribute('aria-description') };
      }
      return null;
    },
    [entityKey, kpi] as const,
  );
}

describe("the demo profile's example targets", () => {
  let ext: ExtensionBrowser;
  const range = currentMonthRange();

  beforeAll(async () => {
    ext = await launchExtensionBrowser();
    // As the demo does: the example file through Import backup, as a user would import it.
    const options = await openExtensionPage(ext, 'options.html');
    await options.locator('#backup-file').setInputFiles(EXAMPLES);
    await options.getByRole('button', { name: 'Import backup' }).click();
    await options
      .getByRole('status')
      .filter({ hasText: /Imported/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await options.close();
    const page = redatePage(fixturePage('meta', 'campaigns-en-usd'), range);
    if (!page) throw new Error('the Meta demo page is month-to-date and must be redated');
    ext.serve(page.url, page.html);
    const tab = await ext.context.newPage();
    await tab.goto(page.url);
    // Read and stored before the tests look (polled: the content script reads when the table has settled).
    await waitFor(
      async () => (await chip(tab, BF26, 'cpa'))?.status,
      (s) => s === 'at-risk',
      15_000,
    );
    await tab.close();
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext.close();
  });

  it('are stored with their label, and the page read is dated this month', async () => {
    const targets = await readStore<{ id: string; example?: boolean }>(ext, 'targets');
    expect(targets.length).toBeGreaterThan(5);
    expect(targets.filter((t) => t.example !== true).map((t) => t.id)).toEqual([]);
    const rows = await readStore<{ accountId: string; dateStart: string; dateEnd: string }>(ext, 'snapshots');
    const meta = rows.filter((r) => r.accountId === ACCOUNT);
    expect(meta.length).toBeGreaterThan(0);
    expect(meta.every((r) => r.dateStart === range.start && r.dateEnd === range.end)).toBe(true);
  });

  it('chips and the panel say "example target"; the monthly budget is judged, with its pacing', async () => {
    const page = redatePage(fixturePage('meta', 'campaigns-en-usd'), range)!;
    const tab = await ext.context.newPage();
    await tab.goto(page.url);
    await expect
      .poll(async () => (await chip(tab, BF26, 'cpa'))?.status, { timeout: 15_000 })
      .toBe('at-risk');
    expect((await chip(tab, BF26, 'cpa'))?.explanation).toContain('example target ≤ $20.00');
    await tab.locator('kpi-lens-panel button.bar').click();
    await tab.locator('kpi-lens-panel .body').waitFor();
    const budget = tab.locator('kpi-lens-panel .budget');
    await expect.poll(() => budget.count()).toBe(1);
    const text = ((await budget.innerText()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Monthly budget $45,000.00 · Example');
    // Judged, not "unknown": the page's range is this month's. How it stands depends on the day of the month.
    expect(JUDGED).toContain(await budget.getAttribute('data-status'));
    expect(text).toMatch(/Pacing [\d,]+%/);
    expect(text).toContain('Spent to date $7,401.85');
    await screenshot(tab, 'demo-examples-meta-panel');
    await tab.close();
  });

  it('the popup labels each example goal and budget, shows the pacing, and stays axe-clean', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.setViewportSize({ width: 420, height: 640 });
    await popup.locator('[data-kpi-lens-ready]').waitFor();
    const scope = popup.getByLabel('Show');
    const value = await scope.locator('option', { hasText: ACCOUNT }).first().getAttribute('value');
    await scope.selectOption(value!);
    const budget = popup.locator('[data-target-id="example-meta-us-budget"]');
    await expect.poll(() => budget.locator('[data-status]').getAttribute('data-status')).not.toBe('unknown');
    expect(JUDGED).toContain(await budget.locator('[data-status]').getAttribute('data-status'));
    expect(await budget.locator('.example-label').innerText()).toBe('Example');
    const goals = popup.locator('li.goal[data-kpi]');
    expect(await goals.count()).toBe(3); // CPA, ROAS and CPL of the account
    expect(await goals.locator('.example-label').count()).toBe(3);
    // The popup still fits its width: the label does not push the status off the card.
    const overflow = await popup.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(popup, 'popup with example targets');
    await screenshot(popup, 'demo-examples-popup');
    await popup.close();
  });

  it('the options page labels every example target in its list, accessibly', async () => {
    const options = await openExtensionPage(ext, 'options.html');
    const rows = options.locator('tr[data-target-id]');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(5);
    const count = await rows.count();
    expect(await options.locator('tr[data-target-id] .example-label').count()).toBe(count);
    expect(await options.locator('tr[data-target-id] .example-label').first().getAttribute('title')).toMatch(
      /example target of the demo profile/i,
    );
    await expectAccessible(options, 'options with example targets');
    await options.close();
  });

  it("the chip's editor says it replaces an example target; once saved, the target is the user's own", async () => {
    const page = redatePage(fixturePage('meta', 'campaigns-en-usd'), range)!;
    const tab = await ext.context.newPage();
    await tab.goto(page.url);
    await expect
      .poll(async () => (await chip(tab, BF26, 'cpa'))?.status, { timeout: 15_000 })
      .toBe('at-risk');
    await tab.locator(`kpi-lens-chips[data-entity-key="${BF26}"] .chip[data-kpi="cpa"]`).click();
    await tab.locator('kpi-lens-editor .editor').waitFor();
    await tab.locator('kpi-lens-editor #kl-scope').selectOption('account');
    expect(await tab.locator('kpi-lens-editor .note').innerText()).toMatch(
      /^Replaces the example target ≤ 20\b.*; once saved it is your own\.$/,
    );
    await tab.locator('kpi-lens-editor #kl-value').fill('22');
    await tab.locator('kpi-lens-editor button[type="submit"]').click();
    // $21.63 against at most $22: on track, and no longer an example anywhere.
    await expect
      .poll(async () => (await chip(tab, BF26, 'cpa'))?.status, { timeout: 5_000 })
      .toBe('on-track');
    const explanation = (await chip(tab, BF26, 'cpa'))?.explanation ?? '';
    expect(explanation).toContain('target ≤ $22.00');
    expect(explanation).not.toContain('example');
    const stored = await readStore<{ id: string; value: number; example?: boolean }>(ext, 'targets');
    const edited = stored.find((t) => t.id === 'example-meta-us-cpa');
    expect(edited).toMatchObject({ value: 22 });
    expect(edited?.example).toBeUndefined();
    await tab.close();
  });
});
