import { beforeEach, describe, expect, it, vi } from 'vitest';
import { watchForQuiet } from '@/lib/content/table-watcher';
import { installDom } from './dom';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ignore = (node: Node) => node.nodeType === 1 && (node as Element).closest('[data-kpi-lens]') !== null;

beforeEach(() => void installDom('<!doctype html><body><div id="cell">Campaign</div></body>'));

describe('table watcher', () => {
  it('a change of the table is read once it has been quiet', async () => {
    let calls = 0;
    const run = new AbortController();
    watchForQuiet(document.body, () => calls++, run.signal, { quietMs: 20, ignore });
    document.getElementById('cell')!.textContent = 'Renamed';
    document.getElementById('cell')!.setAttribute('data-surface', 'x');
    // Polled rather than one fixed wait: a loaded machine may run the quiet timer late, but never twice.
    await vi.waitFor(() => expect(calls).toBe(1), { timeout: 2000, interval: 10 });
    await wait(60);
    expect(calls).toBe(1);
    run.abort();
  });

  it("the overlay's own hosts coming and going are not a change of the table", async () => {
    let calls = 0;
    const run = new AbortController();
    watchForQuiet(document.body, () => calls++, run.signal, { quietMs: 20, ignore });
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
    watchForQuiet(document.body, () => calls++, run.signal, { quietMs: 20, ignore });
    document.getElementById('cell')!.textContent = 'Renamed';
    run.abort();
    await wait(60);
    expect(calls).toBe(0);
  });
});
