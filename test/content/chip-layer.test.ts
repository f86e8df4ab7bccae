import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installDom } from './dom';
import { createChipLayer, type ChipLayer } from '@/lib/content/chip-layer';
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
function makeLayer(budget = 100) {
  layer = createChipLayer({
    doc: document,
    anchors: () =>
      [...document.querySelectorAll('[data-surface]')].map((r) => ({
        entityKey: r.getAttribute('data-surface')!,
        cell: r.querySelector('.name')!,
      })),
    findTable: () => document.getElementById('grid'),
    groupLabel: () => 'KPI Lens',
    frameBudgetMs: budget,
    requestFrame: (cb) => frames.push(cb),
    cancelFrame: () => {},
  });
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
});
