import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  quietScheduler,
  READ_INTERVAL,
  readIntervalMs,
  READ_SHARE,
  watchForChanges,
} from '@/lib/content/table-watcher';
import { installDom } from './dom';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ignore = (node: Node) => node.nodeType === 1 && (node as Element).closest('[data-kpi-lens]') !== null;

beforeEach(() => void installDom('<!doctype html><body><div id="cell">Campaign</div></body>'));

describe('readIntervalMs', () => {
  it.each([
    [0, READ_INTERVAL.minMs],
    [2, READ_INTERVAL.minMs],
    [6, 240],
    [100, 4000],
    [1000, READ_INTERVAL.maxMs],
    [Number.NaN, READ_INTERVAL.maxMs],
  ])('a read of %s ms → every %s ms', (cost, interval) => {
    expect(readIntervalMs(cost)).toBeCloseTo(interval, 6);
  });

  it('keeps a row on screen for 300 ms readable when a read costs up to ~5 ms, and reading under its share', () => {
    // The settle delay (50 ms) comes on top of the interval only for the first change of a burst.
    expect(readIntervalMs(5) + 50).toBeLessThan(300);
    for (const cost of [1, 5, 20, 80, 200])
      expect(cost / readIntervalMs(cost)).toBeLessThanOrEqual(READ_SHARE);
  });
});

describe('watchForChanges', () => {
  it('a change of the table is read once, shortly after it', async () => {
    let calls = 0;
    const run = new AbortController();
    watchForChanges(document.body, () => calls++, run.signal, { settleMs: 20, ignore });
    document.getElementById('cell')!.textContent = 'Renamed';
    document.getElementById('cell')!.setAttribute('data-surface', 'x');
    // Polled rather than one fixed wait: a loaded machine may run the timer late, but never twice.
    await vi.waitFor(() => expect(calls).toBe(1), { timeout: 2000, interval: 10 });
    await wait(60);
    expect(calls).toBe(1);
    run.abort();
  });

  it('a table that changes without a pause is read at a steady pace, not only when it stops', async () => {
    const calls: number[] = [];
    const run = new AbortController();
    watchForChanges(document.body, () => calls.push(performance.now()), run.signal, {
      settleMs: 5,
      intervalMs: () => 40,
      ignore,
    });
    const cell = document.getElementById('cell')!;
    const started = performance.now();
    for (let i = 0; performance.now() - started < 400; i++) {
      cell.textContent = `Row ${i}`;
      await wait(5);
    }
    run.abort();
    // ~400 ms of changes every 5 ms: read about every 40 ms (a loaded machine reads less often, never more).
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < calls.length; i++) expect(calls[i]! - calls[i - 1]!).toBeGreaterThanOrEqual(35); // timers may fire a ms early
  });

  it("the overlay's own hosts coming and going are not a change of the table", async () => {
    let calls = 0;
    const run = new AbortController();
    watchForChanges(document.body, () => calls++, run.signal, { settleMs: 20, ignore });
    const host = document.createElement('kpi-lens-chips');
    host.setAttribute('data-kpi-lens', 'chips');
    document.getElementById('cell')!.append(host);
    await wait(50);
    host.remove();
    await wait(50);
    expect(calls).toBe(0);
    run.abort();
  });

  it('nothing runs after the view is aborted', async () => {
    let calls = 0;
    const run = new AbortController();
    watchForChanges(document.body, () => calls++, run.signal, { settleMs: 20, ignore });
    document.getElementById('cell')!.textContent = 'Renamed';
    run.abort();
    await wait(60);
    expect(calls).toBe(0);
  });
});

describe('quietScheduler', () => {
  it('runs once after the pokes stop, or at the latest maxWait after the first', async () => {
    let runs = 0;
    const run = new AbortController();
    const s = quietScheduler(() => runs++, run.signal, { quietMs: 30, maxWaitMs: 100 });
    const started = performance.now();
    while (performance.now() - started < 160) {
      s.poke();
      await wait(5);
    }
    // Poked every 5 ms for 160 ms: never quiet, so the max wait ran it (once or, late, twice), then quiet once.
    expect(runs).toBeGreaterThanOrEqual(1);
    const during = runs;
    await vi.waitFor(() => expect(runs).toBe(during + 1), { timeout: 2000, interval: 10 });
    run.abort();
  });

  it('flush() runs a pending task at once, and nothing when none is pending', () => {
    let runs = 0;
    const run = new AbortController();
    const s = quietScheduler(() => runs++, run.signal);
    s.flush();
    expect(runs).toBe(0);
    s.poke();
    s.flush();
    expect(runs).toBe(1);
    s.flush();
    expect(runs).toBe(1);
    run.abort();
  });

  it('nothing runs after abort', async () => {
    let runs = 0;
    const run = new AbortController();
    const s = quietScheduler(() => runs++, run.signal, { quietMs: 10 });
    s.poke();
    run.abort();
    await wait(40);
    expect(runs).toBe(0);
  });
});
