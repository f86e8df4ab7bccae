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
 * TikTok's 2026 virtual table in real Chromium: its cells are slotted straight into the table host with no
 * row element, each cell clips what is put into it, and the table scrolls by `transform`. The chips float
 * over each row's name cell: checked by what the page renders under them (`elementsFromPoint`), by their
 * boxes (inside the viewport, the name cell and the table's body), while the table scrolls by transform,
 * and while it recycles cells to other rows — sampled in the frame they are painted in.
 */

interface FixturePage {
  platform: string;
  name: string;
  html: string;
  expected: { url: string; entities: { entity_id: string | null; optional?: boolean }[] };
}

const fixtures = listFixturePages() as FixturePage[];
const fixture = (name: string) => {
  const found = fixtures.find((f) => f.platform === 'tiktok' && f.name === name);
  if (!found) throw new Error(`no fixture tiktok/${name}`);
  return found;
};

interface FloatSeen {
  key: string;
  /** Placed and visible: what the user sees. */
  shown: boolean;
  mode: string | null;
  kpis: string[];
  box: { left: number; top: number; right: number; bottom: number };
  /** The slot of the page's cell under the chips' corners and centre (our own nodes skipped). */
  under: (string | null)[];
  /** The chips' box lies inside the viewport, the row's name cell and the table's scrolling body. */
  inViewport: boolean;
  inCell: boolean;
  inBody: boolean;
}

/** Installed in the page: what every floating chip host shows, and what lies under it. */
function installProbe(page: Page, nameField: string) {
  return page.evaluate((nameField) => {
    const within = (b: DOMRect | FloatSeen['box'], o: DOMRect | FloatSeen['box']) =>
      b.left >= o.left - 0.5 &&
      b.right <= o.right + 0.5 &&
      b.top >= o.top - 0.5 &&
      b.bottom <= o.bottom + 0.5;
    const slotAt = (x: number, y: number) =>
      document
        .elementsFromPoint(x, y)
        .find((el) => !el.closest('[data-kpi-lens]'))
        ?.closest('[slot^="cell-"]')
        ?.getAttribute('slot') ?? null;
    (window as unknown as { kpiLensFloats: () => FloatSeen[] }).kpiLensFloats = () => {
      const host = document.querySelector('[slot^="cell-"]')!.parentElement!;
      const body = host.shadowRoot!.querySelector('.vt__body')!.getBoundingClientRect();
      const viewport = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
      return [...document.querySelectorAll('kpi-lens-chips[data-fit="float"]')].map((h) => {
        const key = h.getAttribute('data-entity-key')!;
        const root = h.shadowRoot!;
        const group = root.querySelector('.chips') as HTMLElement;
        const parts = [...root.querySelectorAll('.chip, .sum')].filter(
          (el) => getComputedStyle(el).display !== 'none',
        );
        const rects = parts.map((p) => p.getBoundingClientRect());
        const box = {
          left: Math.min(...rects.map((r) => r.left)),
          top: Math.min(...rects.map((r) => r.top)),
          right: Math.max(...rects.map((r) => r.right)),
          bottom: Math.max(...rects.map((r) => r.bottom)),
        };
        const cell = document.querySelector(`[slot="cell-${key}_${nameField}"]`);
        const mx = (box.left + box.right) / 2;
        const my = (box.top + box.bottom) / 2;
        return {
          key,
          shown: h.hasAttribute('data-placed') && getComputedStyle(group).visibility === 'visible',
          mode: h.getAttribute('data-float'),
          kpis: parts.map((p) => (p as HTMLElement).dataset.kpi ?? 'compact'),
          box,
          under: [slotAt(box.left + 1, box.top + 1), slotAt(mx, my), slotAt(box.right - 1, box.bottom - 1)],
          inViewport: within(box, viewport),
          inCell: cell !== null && within(box, cell.getBoundingClientRect()),
          inBody: within(box, body),
        };
      });
    };
  }, nameField);
}

const floatsOn = (page: Page) =>
  page.evaluate(() => (window as unknown as { kpiLensFloats: () => FloatSeen[] }).kpiLensFloats());

/** Every chip the user sees is over its own row's name cell, inside the viewport and the table's body. */
function wrongOnes(seen: FloatSeen[], nameField: string): FloatSeen[] {
  return seen.filter(
    (f) =>
      f.shown &&
      (!f.inViewport ||
        !f.inCell ||
        !f.inBody ||
        f.under.some((slot) => slot !== `cell-${f.key}_${nameField}`)),
  );
}

/**
 * Runs `steps` page changes, one per task every ~16 ms as a scroll handler would, and checks the chips in
 * a frame callback queued right after each change: the chip layer's own frame callback was queued earlier
 * (it runs first), so the check sees what is painted in that frame.
 */
function stepAndCheck(page: Page, script: string, steps: number, nameField: string) {
  return page.evaluate(
    ({ script, steps, nameField }) =>
      new Promise<{ frames: number; wrong: FloatSeen[]; shown: number[] }>((resolve) => {
        const step = new Function('i', script) as (i: number) => void;
        const probe = (window as unknown as { kpiLensFloats: () => FloatSeen[] }).kpiLensFloats;
        const wrong: FloatSeen[] = [];
        const shown: number[] = [];
        let i = 0;
        const next = () => {
          if (i === steps) return resolve({ frames: steps, wrong, shown });
          step(i++);
          requestAnimationFrame(() => {
            const seen = probe();
            shown.push(seen.filter((f) => f.shown).length);
            for (const f of seen)
              if (
                f.shown &&
                (!f.inViewport ||
                  !f.inCell ||
                  !f.inBody ||
                  f.under.some((slot) => slot !== `cell-${f.key}_${nameField}`))
              )
                wrong.push({ ...f, key: `${f.key}@step${i}` });
            setTimeout(next, 0);
          });
        };
        next();
      }),
    { script, steps, nameField },
  );
}

async function setTargets(ext: ExtensionBrowser): Promise<void> {
  const options = await openExtensionPage(ext, 'options.html');
  await options.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome.runtime.sendMessage({ type: 'targets:list' }),
  );
  await options.close();
  const rows = [
    { id: 'e2e-cpa', kpi: 'cpa', direction: 'atMost', value: 20 },
    { id: 'e2e-roas', kpi: 'roas', direction: 'atLeast', value: 4.5 },
  ].map((t, position) => ({
    currency: null,
    period: null,
    tolerance: 0.1,
    muted: false,
    scope: { kind: 'all' },
    ...t,
    position,
  }));
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

const CASES = [
  ['campaigns-slots-en-usd', 'campaign_name'],
  ['adgroups-slots-zh-jpy', 'adgroup_name'],
] as const;

describe('TikTok’s slot-cell virtual table: floating chips', () => {
  let ext: ExtensionBrowser;
  const problems: string[] = [];
  beforeAll(async () => {
    ext = await launchExtensionBrowser();
    await clearStores(ext);
    await setTargets(ext);
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext?.close();
  });

  async function open(name: string, nameField: string) {
    const fx = fixture(name);
    ext.serve(fx.expected.url, fx.html);
    const page = await ext.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${name}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
    await page.goto(fx.expected.url);
    await installProbe(page, nameField);
    const want = fx.expected.entities.filter((e) => !e.optional).length;
    const seen = await waitFor(
      () => floatsOn(page),
      (s) => s.length === want && s.every((f) => f.shown),
      15_000,
    );
    return { page, fx, seen, want };
  }

  it.each(CASES)(
    '%s: each row’s chips float over its name cell, inside the viewport',
    async (name, field) => {
      const { page, fx, seen, want } = await open(name, field);
      expect(seen.length).toBe(want);
      expect(seen.map((f) => f.key).sort()).toEqual(
        fx.expected.entities
          .filter((e) => !e.optional)
          .map((e) => e.entity_id)
          .sort(),
      );
      expect(wrongOnes(seen, field)).toEqual([]);
      for (const f of seen) {
        expect(f.box.right - f.box.left, f.key).toBeGreaterThan(10);
        expect(f.kpis.length, f.key).toBeGreaterThan(0);
      }
      // Nothing was put into the table: its cells clip, and the reading must not see the chips.
      expect(await page.evaluate(() => document.querySelectorAll('[slot] kpi-lens-chips').length)).toBe(0);
      await screenshot(page, `overlay-tiktok-${name}`);
      await page.close();
    },
  );

  it('the chips follow their rows while the table scrolls by transform, and leave with them', async () => {
    const field = 'campaign_name';
    const { page, seen } = await open('campaigns-slots-en-usd', field);
    const before = new Map(seen.map((f) => [f.key, f.box.top]));
    // 30 steps of 2 px, then 1 step to -60 px: row 1 (0–48 px) has left the body, row 2 is half in.
    const moved = await stepAndCheck(
      page,
      `const inner = document.querySelector('[slot^="cell-"]').parentElement.shadowRoot.querySelector('.vt__inner');
       inner.style.transform = 'translateY(' + (i < 30 ? -2 * (i + 1) : -60) + 'px)';`,
      31,
      field,
    );
    expect(moved.wrong).toEqual([]);
    expect(Math.max(...moved.shown)).toBeGreaterThan(0);
    const after = await waitFor(
      () => floatsOn(page),
      (s) => s.filter((f) => f.shown).length === 5,
    );
    expect(after.filter((f) => f.shown).length).toBe(5);
    expect(wrongOnes(after, field)).toEqual([]);
    expect(after.find((f) => f.key === '1835012345670001')!.shown).toBe(false);
    for (const f of after.filter((x) => x.shown))
      expect(f.box.top - before.get(f.key)!, f.key).toBeCloseTo(-60, 0);
    await screenshot(page, 'overlay-tiktok-slots-scrolled');
    await page.close();
  });

  it('a recycled cell never shows another row’s chips (cells re-slotted to other rows, in view)', async () => {
    const field = 'campaign_name';
    const { page } = await open('campaigns-slots-en-usd', field);
    // Each step swaps which row two visible rows' light-DOM cells stand for (their slots, as the virtual
    // table's recycler does): the cells move to the other row's place and show the other row.
    const swapped = await stepAndCheck(
      page,
      `const pairs = [['1835012345670002', '1835012345670005'], ['1835012345670003', '1835012345670006']];
       const [a, b] = pairs[i % 2];
       const cells = [...document.querySelectorAll('[slot^="cell-"]')];
       for (const c of cells) {
         const s = c.getAttribute('slot');
         if (s.startsWith('cell-' + a + '_')) c.setAttribute('slot', s.replace(a, b));
         else if (s.startsWith('cell-' + b + '_')) c.setAttribute('slot', s.replace(b, a));
       }`,
      12,
      field,
    );
    expect(swapped.wrong).toEqual([]);
    expect(Math.max(...swapped.shown)).toBeGreaterThan(0);
    // Once the table is still, every row has its chips back, each over its own name cell.
    const settled = await waitFor(
      () => floatsOn(page),
      (s) => s.length === 6 && s.every((f) => f.shown),
    );
    expect(settled.filter((f) => f.shown).length).toBe(6);
    expect(wrongOnes(settled, field)).toEqual([]);
    await page.close();
  });

  it('no errors or warnings in the pages’ consoles', () => {
    expect(problems).toEqual([]);
  });
});
