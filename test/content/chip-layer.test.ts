import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installDom } from './dom';
import {
  createChipLayer,
  type ChipLayer,
  type ChipLayerOptions,
  type VisibilityWatcher,
} from '@/lib/content/chip-layer';
import { rowChipsOf, type ChipModel, type RowChips } from '@/lib/overlay/chips';

function chip(kpi: 'cpa' | 'roas', value: string, status: ChipModel['status']): ChipModel {
  return {
    kpi,
    label: kpi.toUpperCase(),
    value,
    status,
    symbol: '!',
    statusText: status,
    explanation: `${kpi} ${value}`,
  };
}

function rowsFor(keys: string[]): Map<string, RowChips> {
  return new Map(keys.map((k, i) => [k, rowChipsOf(k, [chip('cpa', `$${i + 1}.00`, 'on-track')])]));
}

/** A virtualised table: row elements keyed by an attribute, the name cell is the anchor. */
function table(keys: string[]): HTMLElement {
  document.body.innerHTML = '<div role="grid" id="grid"></div>';
  const grid = document.getElementById('grid')!;
  for (const key of keys) grid.append(makeRow(key));
  return grid;
}

function makeRow(key: string): HTMLElement {
  const rowEl = document.createElement('div');
  rowEl.setAttribute('data-surface', key);
  const name = document.createElement('div');
  name.className = 'name';
  name.textContent = `Campaign ${key}`;
  rowEl.append(name);
  return rowEl;
}

const frames: (() => void)[] = [];
function runFrames(): number {
  let n = 0;
  while (frames.length) {
    frames.shift()!();
    n++;
  }
  return n;
}
const microtasks = () => new Promise((r) => setTimeout(r, 0));

/** Every host sits in a row whose current key is the host's key, and shows that key's chips. */
function placements(): [rowKey: string | null, hostKey: string | null, value: string | undefined][] {
  return [...document.querySelectorAll('kpi-lens-chips')].map((host) => [
    host.closest('[data-surface]')!.getAttribute('data-surface'),
    host.getAttribute('data-entity-key'),
    host.shadowRoot!.querySelector('.v')?.textContent ?? undefined,
  ]);
}

let layer: ChipLayer;
let anchorReads = 0;
function makeLayer(budget = 100, extra: Partial<ChipLayerOptions> = {}) {
  anchorReads = 0;
  layer = createChipLayer({
    doc: document,
    anchors: () => {
      anchorReads++;
      return [...document.querySelectorAll('[data-surface]')].map((r) => ({
        entityKey: r.getAttribute('data-surface')!,
        cell: r.querySelector('.name')!,
      }));
    },
    findTable: () => document.getElementById('grid'),
    groupLabel: () => 'KPI Lens',
    frameBudgetMs: budget,
    requestFrame: (cb) => frames.push(cb),
    cancelFrame: () => {},
    // Changes in these tests follow each other within microseconds: no deferral unless a test asks for it.
    settleMs: 0,
    ...extra,
  });
}

/** Which cells the (fake) IntersectionObserver reports on screen. */
function fakeVisibility() {
  const shown = new Set<Element>();
  const watched = new Set<Element>();
  let changed = () => {};
  const factory = (onChange: () => void): VisibilityWatcher => {
    changed = onChange;
    return {
      observe: (cell) => void watched.add(cell),
      unobserve: (cell) => void watched.delete(cell),
      isVisible: (cell) => shown.has(cell),
      disconnect: () => watched.clear(),
    };
  };
  return {
    factory,
    watched,
    show(...cells: Element[]) {
      cells.forEach((c) => shown.add(c));
      changed();
    },
    hide(...cells: Element[]) {
      cells.forEach((c) => shown.delete(c));
      changed();
    },
  };
}

/** Layout for jsdom (which has none): the cell's box, by whether its host shows its chips inline. */
function cellBox(cell: Element, size: (inline: boolean) => { width: number; height: number }) {
  (cell as HTMLElement).getBoundingClientRect = () => {
    const inline = cell.querySelector('kpi-lens-chips')?.getAttribute('data-fit') === 'inline';
    const { width, height } = size(inline);
    return { x: 0, y: 0, left: 0, top: 0, right: width, bottom: height, width, height } as DOMRect;
  };
}

beforeEach(() => {
  installDom();
  frames.length = 0;
});
afterEach(() => layer?.destroy());

describe('chip layer', () => {
  it('puts one host with the row’s chips at the end of each anchor cell', () => {
    table(['a', 'b', 'c']);
    makeLayer();
    layer.setChips(rowsFor(['a', 'b', 'c']));
    runFrames();
    expect(placements()).toEqual([
      ['a', 'a', '$1.00'],
      ['b', 'b', '$2.00'],
      ['c', 'c', '$3.00'],
    ]);
    const host = document.querySelector('kpi-lens-chips')!;
    expect(host.parentElement!.lastElementChild).toBe(host);
    expect(host.getAttribute('data-kpi-lens')).toBe('chips');
    // The page's own text is untouched; the chips live in the shadow root only.
    expect(host.parentElement!.textContent).toBe('Campaign a');
    const chipEl = host.shadowRoot!.querySelector('.chip') as HTMLElement;
    expect(chipEl.tabIndex).toBe(0);
    expect(chipEl.dataset.status).toBe('on-track');
    expect(chipEl.dataset.tip).toBe('cpa $1.00');
  });

  it('a recycled row element gets the new entity’s chips, or none when that entity is unknown', async () => {
    const grid = table(['a', 'b', 'c']);
    makeLayer();
    layer.setChips(rowsFor(['a', 'b', 'c', 'd']));
    runFrames();
    // "Scroll": the same three elements now show d, a, z (z was never evaluated).
    const rowsEls = [...grid.children];
    rowsEls[0]!.setAttribute('data-surface', 'd');
    rowsEls[1]!.setAttribute('data-surface', 'a');
    rowsEls[2]!.setAttribute('data-surface', 'z');
    await microtasks(); // the MutationObserver marks the layer dirty
    expect(frames.length).toBe(1);
    runFrames();
    expect(placements()).toEqual([
      ['d', 'd', '$4.00'],
      ['a', 'a', '$1.00'],
    ]);
    expect(layer.hostCount).toBe(2);
    // And back.
    rowsEls[0]!.setAttribute('data-surface', 'a');
    rowsEls[1]!.setAttribute('data-surface', 'b');
    rowsEls[2]!.setAttribute('data-surface', 'c');
    await microtasks();
    runFrames();
    expect(placements()).toEqual([
      ['a', 'a', '$1.00'],
      ['b', 'b', '$2.00'],
      ['c', 'c', '$3.00'],
    ]);
  });

  it('new rows get chips; removed rows take their hosts with them', async () => {
    const grid = table(['a', 'b']);
    makeLayer();
    layer.setChips(rowsFor(['a', 'b', 'c']));
    runFrames();
    grid.firstElementChild!.remove();
    grid.append(makeRow('c'));
    await microtasks();
    runFrames();
    expect(placements()).toEqual([
      ['b', 'b', '$2.00'],
      ['c', 'c', '$3.00'],
    ]);
    expect(layer.hostCount).toBe(2);
  });

  it('its own host insertions do not wake it again (no feedback loop)', async () => {
    table(['a', 'b']);
    makeLayer();
    layer.setChips(rowsFor(['a', 'b']));
    expect(runFrames()).toBe(1);
    await microtasks();
    expect(frames.length).toBe(0);
  });

  it('unchanged rows are not re-rendered; a changed number re-renders only that row', () => {
    table(['a', 'b']);
    makeLayer();
    const first = rowsFor(['a', 'b']);
    layer.setChips(first);
    runFrames();
    const groups = [...document.querySelectorAll('kpi-lens-chips')].map((h) =>
      h.shadowRoot!.querySelector('.chips'),
    );
    const next = new Map(first);
    next.set('b', rowChipsOf('b', [chip('cpa', '$9.99', 'off-track')]));
    layer.setChips(next);
    runFrames();
    const after = [...document.querySelectorAll('kpi-lens-chips')].map((h) =>
      h.shadowRoot!.querySelector('.chips'),
    );
    expect(after[0]).toBe(groups[0]);
    expect(after[1]).not.toBe(groups[1]);
    expect(placements()[1]).toEqual(['b', 'b', '$9.99']);
  });

  it('spreads the creation of many hosts over frames, never leaving a wrong chip meanwhile', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `k${i}`);
    table(keys);
    makeLayer(0);
    layer.setChips(rowsFor(keys));
    const used = runFrames();
    expect(used).toBeGreaterThan(1);
    expect(layer.hostCount).toBe(300);
    expect(placements().every(([row, host]) => row === host)).toBe(true);
  });

  it('never doubles chips when a host of an earlier script copy is still in the cell', () => {
    table(['a']);
    const stray = document.createElement('kpi-lens-chips');
    document.querySelector('.name')!.append(stray);
    makeLayer();
    layer.setChips(rowsFor(['a']));
    runFrames();
    expect(document.querySelectorAll('kpi-lens-chips').length).toBe(1);
  });

  it('page text in a chip stays text', () => {
    table(['a']);
    makeLayer();
    layer.setChips(
      new Map([['a', rowChipsOf('a', [chip('cpa', '<img src=x onerror=alert(1)>', 'unknown')])]]),
    );
    runFrames();
    const root = document.querySelector('kpi-lens-chips')!.shadowRoot!;
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.v')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('clear and destroy remove every host', () => {
    table(['a', 'b']);
    makeLayer();
    layer.setChips(rowsFor(['a', 'b']));
    runFrames();
    layer.clear();
    expect(document.querySelectorAll('kpi-lens-chips').length).toBe(0);
    layer.setChips(rowsFor(['a', 'b']));
    runFrames();
    layer.destroy();
    expect(document.querySelectorAll('kpi-lens-chips').length).toBe(0);
    layer.setChips(rowsFor(['a']));
    expect(frames.length).toBe(0);
  });

  it('reads the anchors once per change of the table, not once per frame of its work', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `k${i}`);
    const grid = table(keys);
    makeLayer(0);
    layer.setChips(rowsFor(keys));
    expect(runFrames()).toBeGreaterThan(1);
    expect(anchorReads).toBe(1);
    grid.firstElementChild!.setAttribute('data-surface', 'k299');
    await microtasks();
    runFrames();
    expect(anchorReads).toBe(2);
    expect(placements().every(([row, host]) => row === host)).toBe(true);
  });
});

describe('chip layer: only rows on screen get chips', () => {
  it('cells off screen get no host until they come into view', () => {
    table(['a', 'b', 'c']);
    const screen = fakeVisibility();
    makeLayer(100, { visibility: screen.factory });
    layer.setChips(rowsFor(['a', 'b', 'c']));
    runFrames();
    const cells = [...document.querySelectorAll('.name')];
    // Every anchor cell is watched; none is on screen yet.
    expect(screen.watched.size).toBe(3);
    expect(layer.hostCount).toBe(0);
    screen.show(cells[0]!, cells[1]!);
    runFrames();
    expect(placements().map(([row]) => row)).toEqual(['a', 'b']);
    screen.show(cells[2]!);
    runFrames();
    expect(layer.hostCount).toBe(3);
  });

  it('a host that scrolled off screen stays while right, and goes when its row changes', async () => {
    const grid = table(['a', 'b']);
    const screen = fakeVisibility();
    makeLayer(100, { visibility: screen.factory });
    layer.setChips(rowsFor(['a', 'b', 'c']));
    const cells = [...document.querySelectorAll('.name')];
    screen.show(...cells);
    runFrames();
    expect(layer.hostCount).toBe(2);
    screen.hide(cells[0]!);
    runFrames();
    expect(layer.hostCount).toBe(2);
    // The off-screen row element is recycled for another entity: its host must not stay on it.
    grid.firstElementChild!.setAttribute('data-surface', 'c');
    await microtasks();
    runFrames();
    expect(placements()).toEqual([['b', 'b', '$2.00']]);
    screen.show(cells[0]!);
    runFrames();
    expect(placements()).toEqual([
      ['c', 'c', '$3.00'],
      ['b', 'b', '$2.00'],
    ]);
  });

  it('a removed row’s cell is no longer watched', async () => {
    const grid = table(['a', 'b']);
    const screen = fakeVisibility();
    makeLayer(100, { visibility: screen.factory });
    layer.setChips(rowsFor(['a', 'b']));
    runFrames();
    grid.firstElementChild!.remove();
    await microtasks();
    runFrames();
    expect(screen.watched.size).toBe(1);
  });
});

describe('chip layer: the host page’s layout never changes', () => {
  const fit = (host: Element) => [
    host.getAttribute('data-fit'),
    host.hasAttribute('data-out-of-flow'),
    host.hasAttribute('data-placed'),
  ];

  it('chips stay beside the name where the cell keeps its size', () => {
    table(['a']);
    cellBox(document.querySelector('.name')!, () => ({ width: 360, height: 46 }));
    makeLayer();
    layer.setChips(rowsFor(['a']));
    expect(runFrames()).toBe(1);
    expect(fit(document.querySelector('kpi-lens-chips')!)).toEqual(['inline', false, false]);
  });

  it('where the row would grow: one compact chip laid over the cell, placed on the next frame', () => {
    table(['a']);
    const cell = document.querySelector('.name')!;
    cellBox(cell, (inline) => ({ width: 130, height: inline ? 104 : 70 }));
    makeLayer();
    layer.setChips(rowsFor(['a']));
    expect(runFrames()).toBe(2);
    const host = document.querySelector('kpi-lens-chips')!;
    // A block cell: the host stays in the flow as an empty inline box (it takes no room there).
    expect(fit(host)).toEqual(['overlay', false, true]);
    const sum = host.shadowRoot!.querySelector('.sum') as HTMLElement;
    // In the cell's bottom end corner (jsdom measures the chip as 0 × 0 at the host's 0, 0).
    expect([sum.style.left, sum.style.top]).toEqual(['130px', '70px']);
    expect(sum.tabIndex).toBe(0);
    expect(sum.dataset.tip).toBe('cpa $1.00');
    expect(sum.getAttribute('aria-description')).toBe('CPA $1.00 on-track');
  });

  it('in a flex cell the compact chip’s host is out of flow (not a flex item)', () => {
    table(['a']);
    const cell = document.querySelector('.name') as HTMLElement;
    cell.style.display = 'flex';
    cellBox(cell, (inline) => ({ width: 130, height: inline ? 60 : 46 }));
    makeLayer();
    layer.setChips(rowsFor(['a']));
    runFrames();
    expect(fit(document.querySelector('kpi-lens-chips')!)).toEqual(['overlay', true, true]);
  });

  it('where a chip would be cut off by the cell, too', () => {
    table(['a']);
    const cell = document.querySelector('.name')!;
    cellBox(cell, () => ({ width: 100, height: 46 }));
    makeLayer();
    layer.setChips(rowsFor(['a']));
    const chipBox = { left: 90, top: 10, right: 150, bottom: 26, width: 60, height: 16, x: 90, y: 10 };
    // jsdom lays nothing out: the chip reports where a browser would put it.
    const original = HTMLElement.prototype.getBoundingClientRect;
    HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
      return this.classList.contains('chip') ? (chipBox as DOMRect) : original.call(this);
    };
    try {
      runFrames();
    } finally {
      HTMLElement.prototype.getBoundingClientRect = original;
    }
    expect(fit(document.querySelector('kpi-lens-chips')!)).toEqual(['overlay', false, true]);
  });

  it('a recycled cell keeps its verdict: the new row’s compact chip is placed at once', async () => {
    const grid = table(['a']);
    cellBox(document.querySelector('.name')!, (inline) => ({ width: 130, height: inline ? 104 : 70 }));
    makeLayer();
    layer.setChips(rowsFor(['a', 'b']));
    runFrames();
    grid.firstElementChild!.setAttribute('data-surface', 'b');
    await microtasks();
    expect(runFrames()).toBe(1);
    const host = document.querySelector('kpi-lens-chips')!;
    expect(host.getAttribute('data-entity-key')).toBe('b');
    expect(fit(host)).toEqual(['overlay', false, true]);
  });
});

describe('chip layer: while the table changes frame after frame (a scroll)', () => {
  /** A clock and timers the test moves by hand. */
  function fakeTime() {
    let t = 1000;
    const timers: { at: number; cb: () => void }[] = [];
    return {
      now: () => t,
      setTimer: (cb: () => void, ms: number) => {
        const timer = { at: t + ms, cb };
        timers.push(timer);
        return timer;
      },
      clearTimer: (h: unknown) => {
        const i = timers.indexOf(h as (typeof timers)[number]);
        if (i !== -1) timers.splice(i, 1);
      },
      /** Moves the clock on, firing the timers that fall due. */
      advance(ms: number) {
        t += ms;
        for (const timer of timers.filter((x) => x.at <= t)) {
          timers.splice(timers.indexOf(timer), 1);
          timer.cb();
        }
      },
      pending: () => timers.length,
    };
  }

  async function recycle(rowsEls: Element[], keys: string[]) {
    rowsEls.forEach((el, i) => el.setAttribute('data-surface', keys[i]!));
    await microtasks();
  }

  it('takes wrong chips away at once, and draws the new rows’ chips once the table is still', async () => {
    const grid = table(['a', 'b', 'c']);
    const time = fakeTime();
    makeLayer(100, { ...time, settleMs: 150, maxDeferMs: 1000 });
    layer.setChips(rowsFor(['a', 'b', 'c', 'd', 'e', 'f']));
    runFrames();
    const rowsEls = [...grid.children];

    // The first change after a quiet spell is drawn at once.
    await recycle(rowsEls, ['b', 'c', 'd']);
    runFrames();
    expect(placements()).toEqual([
      ['b', 'b', '$2.00'],
      ['c', 'c', '$3.00'],
      ['d', 'd', '$4.00'],
    ]);

    // 20 ms later, another: mid-scroll. Every row element shows another entity now; no host may stay.
    time.advance(20);
    await recycle(rowsEls, ['c', 'd', 'e']);
    runFrames();
    expect(placements()).toEqual([]);
    expect(time.pending()).toBe(1);

    // Still scrolling, and no chip left to check: nothing is drawn, and the anchors are not even read.
    const reads = anchorReads;
    time.advance(20);
    await recycle(rowsEls, ['c', 'd', 'f']);
    runFrames();
    expect(placements()).toEqual([]);
    expect(anchorReads).toBe(reads);

    // The table has been still for 150 ms: the chips come back, each on its own row.
    time.advance(149);
    runFrames();
    expect(placements()).toEqual([]);
    time.advance(1);
    expect(frames.length).toBe(1);
    runFrames();
    expect(placements()).toEqual([
      ['c', 'c', '$3.00'],
      ['d', 'd', '$4.00'],
      ['f', 'f', '$6.00'],
    ]);
    expect(anchorReads).toBe(reads + 1);
    expect(time.pending()).toBe(0);
  });

  it('a host whose row kept its entity stays through the scroll', async () => {
    const grid = table(['a', 'b']);
    const time = fakeTime();
    makeLayer(100, { ...time, settleMs: 150 });
    layer.setChips(rowsFor(['a', 'b', 'c']));
    runFrames();
    const rowsEls = [...grid.children];
    await recycle(rowsEls, ['a', 'b']); // an attribute written again with the same value
    runFrames();
    time.advance(10);
    await recycle(rowsEls, ['a', 'c']);
    runFrames();
    expect(placements()).toEqual([['a', 'a', '$1.00']]);
  });

  it('a table that never stops changing still gets its chips at least every maxDeferMs', async () => {
    const grid = table(['a', 'b']);
    const time = fakeTime();
    makeLayer(100, { ...time, settleMs: 150, maxDeferMs: 1000 });
    layer.setChips(rowsFor(['a', 'b', 'c', 'd']));
    runFrames();
    const rowsEls = [...grid.children];
    const keys = [
      ['c', 'd'],
      ['a', 'b'],
    ];
    let drawnMidBurst = false;
    for (let i = 0; i < 60; i++) {
      time.advance(50);
      await recycle(rowsEls, keys[i % 2]!);
      runFrames();
      expect(placements().every(([row, host]) => row === host)).toBe(true);
      if (i > 0 && layer.hostCount > 0) drawnMidBurst = true;
    }
    expect(drawnMidBurst).toBe(true);
  });
});

describe('chip layer: floating anchors (cells that clip, tables moved by transform)', () => {
  /** Row i's name cell at 48 px pitch from `offset` (the table's transform), 296 px wide. */
  function place(grid: HTMLElement, offset: () => number) {
    [...grid.children].forEach((rowEl, i) => {
      const cell = rowEl.querySelector('.name') as HTMLElement;
      cell.getBoundingClientRect = () => {
        const top = 100 + i * 48 + offset();
        return {
          x: 24,
          y: top,
          left: 24,
          top,
          right: 320,
          bottom: top + 48,
          width: 296,
          height: 48,
        } as DOMRect;
      };
    });
  }
  const floating = () =>
    makeLayer(100, {
      anchors: () =>
        [...document.querySelectorAll('[data-surface]')].map((r) => ({
          entityKey: r.getAttribute('data-surface')!,
          cell: r.querySelector('.name')!,
          float: true,
        })),
    });
  const seen = () =>
    [...document.querySelectorAll('kpi-lens-chips')].map((h) => [
      h.getAttribute('data-entity-key'),
      h.parentElement === document.body,
      h.hasAttribute('data-placed'),
      (h.shadowRoot!.querySelector('.chips') as HTMLElement).style.transform,
    ]);

  it('hosts live outside the table, fixed over their cells, and follow them when the table moves', () => {
    let offset = 0;
    const grid = table(['a', 'b']);
    place(grid, () => offset);
    floating();
    layer.setChips(rowsFor(['a', 'b']));
    runFrames();
    // No room measured beside the name here (no layout): the compact chip at the cell's end, centred.
    expect(seen()).toEqual([
      ['a', true, true, 'translate(300px, 116px)'],
      ['b', true, true, 'translate(300px, 164px)'],
    ]);
    expect(grid.querySelector('kpi-lens-chips')).toBeNull();
    // The table moves by transform (no DOM change the layer observes): a page scroll event wakes it.
    offset = -60;
    document.dispatchEvent(new window.Event('scroll'));
    runFrames();
    expect(seen().map((s) => s[3])).toEqual(['translate(300px, 56px)', 'translate(300px, 104px)']);
    // Scrolled out of the viewport: hidden, not shown over whatever is there.
    offset = -1000;
    document.dispatchEvent(new window.Event('wheel'));
    runFrames();
    expect(seen().map((s) => s[2])).toEqual([false, false]);
  });

  it('a recycled cell’s chips are hidden at once and come back only with its new row’s chips', async () => {
    const grid = table(['a', 'b']);
    place(grid, () => 0);
    floating();
    layer.setChips(rowsFor(['a', 'b', 'c']));
    runFrames();
    grid.children[0]!.setAttribute('data-surface', 'c');
    await microtasks();
    // Before any frame: the host of the changed cell is hidden, the other one stays.
    expect(seen().map((s) => [s[0], s[2]])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    runFrames();
    expect(seen().map((s) => [s[0], s[2]])).toEqual([
      ['c', true],
      ['b', true],
    ]);
    expect(document.querySelector('kpi-lens-chips')!.shadowRoot!.querySelector('.v')!.textContent).toBe(
      '$3.00',
    );
  });

  it('removed rows take their floating hosts with them; destroy removes the rest', async () => {
    const grid = table(['a', 'b']);
    place(grid, () => 0);
    floating();
    layer.setChips(rowsFor(['a', 'b']));
    runFrames();
    grid.children[1]!.remove();
    await microtasks();
    runFrames();
    expect(seen().map((s) => s[0])).toEqual(['a']);
    layer.destroy();
    expect(document.querySelectorAll('kpi-lens-chips').length).toBe(0);
  });
});
