import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installDom } from './dom';
import {
  createOverlay,
  type OverlayDeps,
  type PanelActions,
  type PanelView,
} from '@/lib/content/overlay-controller';
import type { CurrencyPrompt } from '@/lib/overlay/currency-prompt';
import type { SummaryModel } from '@/lib/overlay/summary';
import type { PlatformAdapter } from '@/lib/platforms/types';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/store/settings';
import { reading, row, targets } from '../overlay/make';
import { translator } from '../overlay/translate';

beforeEach(() => void installDom());
afterEach(() => void vi.useRealTimers());

function page(keys: string[]) {
  document.body.innerHTML = `<div role="grid" id="grid">${keys
    .map((k) => `<div data-surface="${k}"><div class="name">Campaign ${k}</div></div>`)
    .join('')}</div>`;
}

const adapter: PlatformAdapter = {
  id: 'meta',
  label: 'Meta Ads Manager',
  matches: [],
  views: [],
  languages: [],
  checkedAgainst: 'public evidence',
  detect: () => null,
  findTable: (doc) => doc.getElementById('grid'),
  read: () => {
    throw new Error('not used');
  },
  rowAnchors: (doc) =>
    [...doc.querySelectorAll('[data-surface]')].map((r) => ({
      entityKey: r.getAttribute('data-surface')!,
      cell: r.querySelector('.name')!,
    })),
};

function setup(initial: Settings = DEFAULT_SETTINGS, extra: Partial<OverlayDeps> = {}) {
  let settings = initial;
  let onSettings = () => {};
  const shown: SummaryModel[] = [];
  const prompts: (CurrencyPrompt | null)[] = [];
  const actions: PanelActions[] = [];
  const panel: PanelView & { removed: number } = {
    removed: 0,
    show: (model, drawnActions, prompt) => {
      shown.push(model);
      actions.push(drawnActions);
      prompts.push(prompt);
    },
    remove() {
      this.removed++;
    },
  };
  const deps: OverlayDeps = {
    doc: document,
    adapter,
    loadSettings: async () => settings,
    watchSettings: (cb) => {
      onSettings = cb;
      return () => {};
    },
    loadTargets: vi.fn(async () => targets({ id: 'cpa', scope: { kind: 'all' }, kpi: 'cpa', value: 20 })),
    hideOnPlatform: vi.fn(async () => {}),
    openOptions: vi.fn(async () => {}),
    answerCurrency: vi.fn(async () => {}),
    panel,
    t: translator('en'),
    locale: () => 'en-US',
    now: () => Date.UTC(2026, 10, 22, 12),
    timeZone: vi.fn(() => 'UTC'),
    // jsdom is slow: let one flush create every host.
    frameBudgetMs: 10_000,
    // Tasks run at once here (a test of its own below runs them one by one).
    postTask: (task) => task(),
    // Every reading is drawn at once here (a test of its own below throttles them).
    panelRedrawMs: 0,
    chipsRedrawMs: 0,
    ...extra,
  };
  const overlay = createOverlay(deps);
  return {
    overlay,
    deps,
    panel,
    shown,
    prompts,
    actions,
    async changeSettings(next: Settings) {
      settings = next;
      onSettings();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

const rows = [row('a', { spend: 300, conversions: 10 }), row('b', { spend: 100, conversions: 10 })];
const hosts = () =>
  [...document.querySelectorAll('kpi-lens-chips')].map((h) => [
    h.getAttribute('data-entity-key'),
    [...h.shadowRoot!.querySelectorAll('.chip')].map((c) => (c as HTMLElement).dataset.status),
  ]);

describe('overlay controller', () => {
  it('a reading becomes chips in the rows and a panel summary', async () => {
    page(['a', 'b']);
    const { overlay, shown } = setup();
    await overlay.ready;
    expect(shown.at(-1)!.waiting).toBe(true);
    overlay.events.onReading!(reading(rows), true);
    overlay.layer.flush();
    expect(hosts()).toEqual([
      ['a', ['off-track', 'none']],
      ['b', ['on-track', 'none']],
    ]);
    expect(shown.at(-1)!.headline).toBe('1 off track · 1 on track');
    overlay.events.onSaved!({
      ok: true,
      type: 'snapshot:submit',
      stored: 2,
      unchanged: 0,
      notStoredReason: null,
    });
    expect(shown.at(-1)!.facts.find((f) => f.label === 'Last saved')!.value).toMatch(/12:00/);
    overlay.events.onError!('Could not save this reading: disk full');
    expect(shown.at(-1)!.saveError).toBe('Could not save this reading: disk full');
    overlay.destroy();
  });

  it('asks for an assumed currency until the account has one or the user said not to ask; the answer goes to deps', async () => {
    page(['a', 'b']);
    const { overlay, deps, prompts, actions, changeSettings } = setup();
    await overlay.ready;
    overlay.events.onReading!(reading(rows, { currency: 'USD', currencySource: 'page' }), true);
    expect(prompts.at(-1)).toBeNull();
    overlay.events.onReading!(reading(rows, { currency: 'USD', currencySource: 'assumed' }), true);
    const asked = prompts.at(-1)!;
    expect(asked).toMatchObject({
      key: 'meta:583920174615290',
      assumed: 'USD',
      question: 'This account’s amounts are in USD?',
    });
    expect(asked.likely.slice(0, 3)).toEqual(['USD', 'CAD', 'AUD']);

    // The panel's answer is handed to the dependency (the content script sends it to the worker).
    await actions.at(-1)!.answerCurrency(asked, { kind: 'set', currency: 'CAD' });
    expect(deps.answerCurrency).toHaveBeenCalledWith(asked, { kind: 'set', currency: 'CAD' });

    // The settings change (in every tab, through storage) takes the question away.
    await changeSettings({ ...DEFAULT_SETTINGS, accountCurrencies: { 'meta:583920174615290': 'CAD' } });
    expect(prompts.at(-1)).toBeNull();
    await changeSettings(DEFAULT_SETTINGS);
    expect(prompts.at(-1)).not.toBeNull();
    await changeSettings({ ...DEFAULT_SETTINGS, currencyPromptDismissed: { 'meta:583920174615290': 1 } });
    expect(prompts.at(-1)).toBeNull();
    overlay.destroy();
  });

  it('hiding the overlay on this platform removes chips and panel; showing it again brings them back', async () => {
    page(['a', 'b']);
    const { overlay, panel, changeSettings } = setup();
    await overlay.ready;
    overlay.events.onReading!(reading(rows), true);
    overlay.layer.flush();
    expect(hosts().length).toBe(2);
    await changeSettings({ ...DEFAULT_SETTINGS, overlay: { enabled: true, hiddenOn: ['meta'] } });
    overlay.layer.flush();
    expect(hosts().length).toBe(0);
    expect(panel.removed).toBe(1);
    await changeSettings({ ...DEFAULT_SETTINGS, overlay: { enabled: true, chipKpis: ['cpa'] } });
    overlay.layer.flush();
    expect(hosts()).toEqual([
      ['a', ['off-track']],
      ['b', ['on-track']],
    ]);
    overlay.destroy();
  });

  it('an in-app navigation removes every chip and waits for the new view', async () => {
    page(['a', 'b']);
    const { overlay, shown } = setup();
    await overlay.ready;
    overlay.events.onReading!(reading(rows), true);
    overlay.layer.flush();
    overlay.reset();
    expect(hosts().length).toBe(0);
    expect(shown.at(-1)!.waiting).toBe(true);
    overlay.destroy();
  });

  it('targets are fetched again with each changed reading, not with unchanged ones', async () => {
    page(['a']);
    const { overlay, deps } = setup();
    await overlay.ready;
    overlay.events.onReading!(reading(rows), true);
    overlay.events.onReading!(reading(rows), false);
    expect(deps.loadTargets).toHaveBeenCalledTimes(2);
    overlay.destroy();
  });

  it('destroy leaves nothing behind and ignores late events', async () => {
    page(['a', 'b']);
    const { overlay, panel } = setup();
    await overlay.ready;
    overlay.events.onReading!(reading(rows), true);
    overlay.layer.flush();
    overlay.destroy();
    expect(hosts().length).toBe(0);
    expect(panel.removed).toBe(1);
    overlay.events.onReading!(reading(rows), true);
    overlay.layer.flush();
    expect(hosts().length).toBe(0);
  });

  it('a reading is drawn in a task of its own; a big table’s panel is judged in slices, the newest wins', async () => {
    page([]);
    const tasks: (() => void)[] = [];
    const { overlay, shown } = setup(DEFAULT_SETTINGS, {
      postTask: (t) => void tasks.push(t),
      sliceBudgetMs: 0,
    });
    await overlay.ready;
    const shownBefore = shown.length;
    const many = (n: number, spend: number) =>
      Array.from({ length: n }, (_, i) => row(`r${i}`, { spend: spend + i, conversions: 5 }));
    overlay.events.onReading!(reading(many(60, 150)), true); // CPA 30+: off track
    expect(tasks.length).toBe(1);
    tasks.shift()!();
    // Judging 60 rows took more than the (zero) budget: the rest waits in later tasks.
    expect(shown.length).toBe(shownBefore);
    expect(tasks.length).toBe(1);
    // A newer reading arrives meanwhile (CPA 10+: on track, for the first 40 rows).
    overlay.events.onReading!(reading(many(40, 50)), true);
    for (let guard = 0; tasks.length && guard < 1000; guard++) tasks.shift()!();
    expect(shown.slice(shownBefore).map((m) => m.headline)).toEqual(['40 on track']);
    overlay.destroy();
  });

  it('a save acknowledged after its reading tells what was saved without judging the table again', async () => {
    page(['a', 'b']);
    const { overlay, shown } = setup();
    await overlay.ready;
    overlay.events.onReading!(reading(rows), true);
    const judged = shown.at(-1)!;
    overlay.events.onSaved!({
      ok: true,
      type: 'snapshot:submit',
      stored: 2,
      unchanged: 0,
      notStoredReason: null,
    });
    const saved = shown.at(-1)!;
    expect(saved).not.toBe(judged);
    expect(saved.totals).toBe(judged.totals);
    expect(saved.facts.find((f) => f.label === 'Last saved')!.value).toMatch(/12:00/);
    overlay.events.onError!('disk full');
    expect(shown.at(-1)!.saveError).toBe('disk full');
    expect(shown.at(-1)!.totals).toBe(judged.totals);
    overlay.destroy();
  });

  it('readings that come several times a second redraw the panel at most once per interval', async () => {
    vi.useFakeTimers();
    page(['a', 'b']);
    const { overlay, deps, panel, shown } = setup(DEFAULT_SETTINGS, {
      panelRedrawMs: 1000,
      chipsRedrawMs: 400,
    });
    await overlay.ready;
    const drawnAt: number[] = [];
    const show = panel.show.bind(panel);
    panel.show = (model, actions, prompt) => {
      drawnAt.push(Date.now());
      show(model, actions, prompt);
    };
    const spendOfA = () => overlay.chips.get('a')?.signature.match(/"spend":(\d+)/)?.[1];
    // A new reading every 100 ms for 3 s (a scrolled table); row a's spend changes with each one.
    const chipsSeen = new Set<string | undefined>();
    for (let i = 0; i < 30; i++) {
      const a = row('a', { spend: 100 + i, conversions: 10 });
      overlay.events.onReading!(reading([a, row('b', { spend: 100, conversions: 10 })]), true);
      chipsSeen.add(spendOfA());
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(1500);
    // The first reading is drawn at once, then at most one panel a second and one chips redraw per 400 ms.
    expect(drawnAt.length).toBeGreaterThanOrEqual(3);
    expect(drawnAt.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < drawnAt.length; i++)
      expect(drawnAt[i]! - drawnAt[i - 1]!).toBeGreaterThanOrEqual(1000);
    expect(chipsSeen.size).toBeGreaterThanOrEqual(3);
    expect(chipsSeen.size).toBeLessThanOrEqual(9);
    // Once the readings stop, the last one is drawn: chips and panel of the 30th reading.
    expect(spendOfA()).toBe('129');
    expect(shown.at(-1)!.totals[0]!.value).toBe('$229.00');
    overlay.layer.flush();
    expect(hosts().map(([key]) => key)).toEqual(['a', 'b']);
    // The browser's time zone was resolved once for all of these readings.
    expect(deps.timeZone).toHaveBeenCalledTimes(1);
    overlay.destroy();
  });

  it('the browser’s time zone is asked again after a minute (the user may have travelled)', async () => {
    page(['a']);
    let clock = Date.UTC(2026, 10, 22, 12);
    const { overlay, deps } = setup(DEFAULT_SETTINGS, { now: () => clock });
    await overlay.ready;
    overlay.events.onReading!(reading(rows), true);
    clock += 30_000;
    overlay.events.onReading!(reading([...rows]), true);
    expect(deps.timeZone).toHaveBeenCalledTimes(1);
    clock += 31_000;
    overlay.events.onReading!(reading([...rows]), true);
    expect(deps.timeZone).toHaveBeenCalledTimes(2);
    overlay.destroy();
  });
});
