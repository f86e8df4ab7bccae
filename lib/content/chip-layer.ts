import {
  CHIP_HOST_TAG,
  createChipHost,
  ENTITY_ATTR,
  isChipHost,
  renderChips,
} from '@/components/overlay/chip-dom';
import type { RowChips } from '../overlay/chips';
import type { RowAnchor } from '../platforms/types';

/**
 * Keeps one chip host in every rendered row's anchor cell, showing that row's chips — and never another
 * row's. Ad managers recycle row elements as the user scrolls, so a host is trusted only after its cell
 * has been matched to an entity again: every animation frame after a change, the anchors are read afresh
 * and each host is re-keyed (re-rendered from the cache of evaluated rows), created, or removed.
 *
 * The MutationObserver callback only marks the layer dirty; the work happens once per frame, within a time
 * budget (creating thousands of hosts is spread over frames; fixing a recycled row is never deferred).
 */

export interface ChipLayerOptions {
  doc: Document;
  /** The rendered rows' anchors (the adapter's `rowAnchors`). */
  anchors(): RowAnchor[];
  /** The element to observe (the table container); null = not rendered yet. */
  findTable(): Element | null;
  /** Accessible name of one row's chip group. */
  groupLabel(row: RowChips): string;
  /** Milliseconds of host creation per frame. */
  frameBudgetMs?: number;
  requestFrame?: (callback: () => void) => number;
  cancelFrame?: (handle: number) => void;
}

export interface ChipLayer {
  /** Replaces the evaluated rows (keyed by entity) and re-validates on the next frame. */
  setChips(rows: ReadonlyMap<string, RowChips>): void;
  /** Removes every host and forgets every row (e.g. after an in-app navigation). */
  clear(): void;
  /** Runs the pending frame's work now (tests, and the e2e hooks). */
  flush(): void;
  destroy(): void;
  readonly hostCount: number;
}

/** Mutations the layer made itself: hosts added to or removed from cells. */
function isOwnRecord(record: MutationRecord): boolean {
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every(isChipHost);
}

const OBSERVED_ATTRIBUTES = ['data-surface', 'data-row-key', 'essfield', 'href', 'aria-colindex'];

export function createChipLayer(options: ChipLayerOptions): ChipLayer {
  const { doc } = options;
  const budget = options.frameBudgetMs ?? 6;
  const requestFrame = options.requestFrame ?? ((cb) => requestAnimationFrame(cb));
  const cancelFrame = options.cancelFrame ?? ((h) => cancelAnimationFrame(h));

  let cache: ReadonlyMap<string, RowChips> = new Map();
  const hosts = new Set<HTMLElement>();
  const hostByCell = new WeakMap<Element, HTMLElement>();
  const rendered = new WeakMap<HTMLElement, string>();
  let frame: number | null = null;
  let observed: Node | null = null;
  let destroyed = false;

  const observer = new MutationObserver((records) => {
    if (records.every(isOwnRecord)) return;
    schedule();
  });

  function observe(): void {
    const table = options.findTable();
    const target: Node | null = table ?? doc.body;
    if (target === observed && (!table || table.isConnected)) return;
    observer.disconnect();
    observed = target;
    if (!target) return;
    observer.observe(target, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: OBSERVED_ATTRIBUTES,
    });
  }

  function schedule(): void {
    if (frame !== null || destroyed) return;
    frame = requestFrame(run);
  }

  function removeHost(host: HTMLElement): void {
    host.remove();
    hosts.delete(host);
  }

  function run(): void {
    frame = null;
    if (destroyed) return;
    observe();
    const started = performance.now();
    let deferred = false;
    let created = 0;
    const seen = new Set<HTMLElement>();
    const anchors = cache.size > 0 ? options.anchors() : [];
    for (const { entityKey, cell } of anchors) {
      const row = cache.get(entityKey);
      let host = hostByCell.get(cell);
      if (host && host.parentNode !== cell) host = undefined;
      if (!row) continue; // no evaluated row for this entity: its stale host (if any) goes below
      if (!host) {
        // At least one host per frame, so a slow frame still makes progress.
        if (created > 0 && performance.now() - started > budget) {
          deferred = true;
          continue;
        }
        // A host this layer does not know (an earlier copy of the script) must not double the chips.
        for (const stray of cell.querySelectorAll(`:scope > ${CHIP_HOST_TAG}`)) stray.remove();
        host = createChipHost(doc, entityKey);
        created++;
        hostByCell.set(cell, host);
        hosts.add(host);
        cell.append(host);
      }
      if (rendered.get(host) !== row.signature || host.getAttribute(ENTITY_ATTR) !== entityKey) {
        renderChips(host, row, options.groupLabel(row));
        rendered.set(host, row.signature);
      }
      seen.add(host);
    }
    for (const host of [...hosts]) if (!seen.has(host)) removeHost(host);
    if (deferred) schedule();
  }

  return {
    setChips(rows) {
      cache = rows;
      schedule();
    },
    clear() {
      cache = new Map();
      for (const host of [...hosts]) removeHost(host);
    },
    flush() {
      if (frame !== null) cancelFrame(frame);
      frame = null;
      run();
    },
    destroy() {
      destroyed = true;
      if (frame !== null) cancelFrame(frame);
      frame = null;
      observer.disconnect();
      for (const host of [...hosts]) removeHost(host);
      cache = new Map();
    },
    get hostCount() {
      return hosts.size;
    },
  };
}
