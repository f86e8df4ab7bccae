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
 * Names stay readable (#13.5): with two chips on every row (CPA and ROAS targets for everything), each entity's
 * name shows as much as it did without the overlay, or at least 24 characters' worth of it, counted up to the
 * first chip drawn over it (a compact chip may sit over the end of a name the page already cuts short). Measured in real Chromium on each platform's fixture, in pixels of the
 * name's own text: its rendered width cut by every ancestor that clips it, with the chips and then without them
 * (the chip hosts taken out and the page measured again in the same task, before the overlay puts them back).
 */

interface FixturePage {
  platform: string;
  name: string;
  html: string;
  expected: { url: string; entities: { entity_name: string | null; optional?: boolean }[] };
}

const PAGES = [
  ['meta', 'campaigns-en-usd'],
  ['google', 'campaigns-obfuscated-en-usd'],
  ['tiktok', 'campaigns-slots-en-usd'],
] as const;

const KEPT_CHARS = 24;

interface NameSeen {
  name: string;
  /** Width of the name's text as laid out, and the part of it no clipping ancestor hides. */
  fullPx: number;
  visiblePx: number;
  /** The visible part of the name (with chips: up to the first chip drawn over it). */
  visible: { left: number; top: number; right: number; bottom: number } | null;
}

interface Measured {
  withChips: NameSeen[];
  withoutChips: NameSeen[];
}

/** Both measurements in one task: the chip layer cannot put its hosts back in between. */
async function measureNames(page: Page, names: string[]): Promise<Measured> {
  return page.evaluate((wanted) => {
    type Box = { left: number; top: number; right: number; bottom: number };
    const textNodeOf = (name: string): Text | null => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        if (n.textContent?.trim() === name) return n as Text;
      return null;
    };
    const seen = (name: string) => {
      const node = textNodeOf(name);
      if (!node) return { name, fullPx: 0, visiblePx: 0, visible: null };
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      let box: Box | null = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      for (let el = node.parentElement; el && box; el = el.parentElement) {
        if (getComputedStyle(el).overflowX === 'visible') continue;
        const c = el.getBoundingClientRect();
        const left = Math.max(box.left, c.left + el.clientLeft);
        const right = Math.min(box.right, c.left + el.clientLeft + el.clientWidth);
        box = right > left ? { ...box, left, right } : null;
      }
      return { name, fullPx: r.width, visiblePx: box ? box.right - box.left : 0, visible: box };
    };
    const hosts = [...document.querySelectorAll('kpi-lens-chips')];
    const withChips = wanted.map(seen);
    const chipBoxes = hosts.flatMap((h) =>
      [...(h.shadowRoot?.querySelectorAll('.chip, .sum') ?? [])]
        .map((c) => c.getBoundingClientRect())
        .filter((b) => b.width > 0 && b.height > 0),
    );
    const overlaps = (a: Box, b: Box) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    // A chip over the name ends what can be read of it: the name is read from its start (LTR pages here).
    for (const n of withChips) {
      if (!n.visible) continue;
      const v = n.visible;
      const cut = Math.min(
        v.right,
        ...chipBoxes.filter((b) => overlaps(v, b) && b.right > v.left).map((b) => Math.max(v.left, b.left)),
      );
      n.visiblePx = cut - v.left;
    }
    const parents = hosts.map((h) => [h, h.parentNode, h.nextSibling] as const);
    for (const h of hosts) h.remove();
    const withoutChips = wanted.map(seen);
    // Put them back as they were (last first, so each one's next sibling is back already): the overlay's own
    // bookkeeping expects its hosts where it left them.
    for (const [h, parent, next] of parents.reverse()) parent?.insertBefore(h, next);
    return { withChips, withoutChips };
  }, names);
}

async function setTargets(ext: ExtensionBrowser): Promise<void> {
  const options = await openExtensionPage(ext, 'options.html');
  await options.evaluate(() => chrome.runtime.sendMessage({ type: 'targets:list' }));
  await options.close();
  const targets = [
    { id: 'names-cpa', kpi: 'cpa', direction: 'atMost', value: 20, scope: { kind: 'all' } },
    { id: 'names-roas', kpi: 'roas', direction: 'atLeast', value: 4, scope: { kind: 'all' } },
  ].map((t, position) => ({ currency: null, period: null, tolerance: 0.1, muted: false, ...t, position }));
  await ext.worker().evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('kpi-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('targets', 'readwrite');
          for (const t of rows) tx.objectStore('targets').put(t);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => (open.result.close(), reject(tx.error));
        };
      }),
    targets,
  );
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

describe('names stay readable beside the chips', () => {
  let ext: ExtensionBrowser;
  const fixtures = listFixturePages() as FixturePage[];

  beforeAll(async () => {
    ext = await launchExtensionBrowser();
    await clearStores(ext);
    await setTargets(ext);
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext.close();
  });

  it.each(PAGES)(
    '%s/%s: every name keeps what it showed, or 24 characters of it, clear of chips',
    async (platform, name) => {
      const fx = fixtures.find((f) => f.platform === platform && f.name === name);
      if (!fx) throw new Error(`no fixture ${platform}/${name}`);
      const names = fx.expected.entities
        .filter((e) => !e.optional && e.entity_name)
        .map((e) => e.entity_name!);
      ext.serve(fx.expected.url, fx.html);
      const page = await ext.context.newPage();
      await page.goto(fx.expected.url);
      // Every row has its chips and the layer has settled (placed compact chips, floats).
      await waitFor(
        () => page.evaluate(() => document.querySelectorAll('kpi-lens-chips').length),
        (n) => n >= names.length,
        20_000,
      );
      await page.waitForTimeout(1000);
      await screenshot(page, `names-${platform}-${name}`);
      const { withChips, withoutChips } = await measureNames(page, names);

      expect(
        withoutChips.every((n) => n.fullPx > 0),
        'every name is on the page',
      ).toBe(true);
      for (const [i, after] of withChips.entries()) {
        const before = withoutChips[i]!;
        const perChar = before.fullPx / Math.max(1, before.name.length);
        const kept = Math.min(before.visiblePx, KEPT_CHARS * perChar);
        expect(
          after.visiblePx,
          `${after.name}: ${after.visiblePx.toFixed(0)} px shown, ${before.visiblePx.toFixed(0)} px without chips`,
        ).toBeGreaterThanOrEqual(kept - 1);
      }
      await page.close();
    },
  );
});
