import type { RowChips } from '../../overlay/chips';
import type { RowAnchor } from '../../platforms/types';
import type { FloatPlacer } from './float-placer';
import type { ChipHosts } from './hosts';
import type { BurstClock, FrameScheduler, TableObserver } from './lifecycle';
import type { Placement } from './placement';
import type { RowFinder } from './rows';

/**
 * One frame of the chip layer: every anchor read is matched to its row's host (kept, re-rendered, created or
 * left to go), the hosts no anchor claimed are removed, and the placing step measures what changed — so a
 * host is trusted only after its cell has been matched to an entity again (ad managers recycle row elements).
 */

export interface FrameParts {
  rows: RowFinder;
  hosts: ChipHosts;
  placement: Placement;
  floats: FloatPlacer;
  table: TableObserver;
  burst: BurstClock;
  scheduler: FrameScheduler;
  /** The evaluated rows, by entity. */
  chips(): ReadonlyMap<string, RowChips>;
  /** Where floating hosts live: outside the table, so nothing of the table clips or moves them. */
  floatHome(): Node & ParentNode;
  now(): number;
  /** Milliseconds of host creation per frame. */
  budget: number;
}

interface FrameState {
  started: number;
  /** Mid-burst: how long new chips wait (0: they are drawn now). */
  deferMs: number;
  created: number;
  /** Hosts left to make on a later frame (the budget ran out). */
  deferred: boolean;
  /** Hosts an anchor claimed: the rest go. */
  seen: Set<HTMLElement>;
}

/** A host for an anchor that has none, unless this frame's budget is spent (then undefined). */
function create(p: FrameParts, f: FrameState, anchor: RowAnchor, row: RowChips): HTMLElement | undefined {
  // At least one host per frame, so a slow frame still makes progress. (Only creating is budgeted: fixing a
  // recycled row's host is never put off.)
  if (f.created > 0 && p.now() - f.started > p.budget) {
    f.deferred = true;
    return undefined;
  }
  const { entityKey, cell, float } = anchor;
  const host = p.hosts.create(cell, entityKey, row, Boolean(float));
  f.created++;
  if (float) {
    p.floatHome().append(host);
    p.floats.track(host, cell);
  } else {
    p.placement.fit(host, cell);
    cell.append(host);
    p.placement.watch(cell);
  }
  return host;
}

function visit(p: FrameParts, f: FrameState, anchor: RowAnchor): void {
  const { entityKey, cell, float } = anchor;
  const row = p.chips().get(entityKey);
  let host = p.hosts.at(cell, float ? p.floatHome() : cell);
  if (!row) return; // no evaluated row for this entity: its stale host (if any) goes
  const stale = host !== undefined && p.hosts.isStale(host, entityKey, row);
  if (!p.rows.isVisible(cell) || f.deferMs > 0) {
    // Off screen, or mid-scroll: a host showing the right row stays; a stale one goes, and is made again
    // when seen (once the table is still).
    if (host && !stale) f.seen.add(host);
    return;
  }
  if (!host) {
    host = create(p, f, anchor, row);
    if (!host) return;
  } else if (stale) {
    p.hosts.render(host, row);
    if (float) p.floats.invalidate(host);
    else p.placement.fit(host, cell);
  } else if (!float) {
    p.placement.revisit(host, cell); // a floating host is placed by the float placer
  }
  p.placement.settled(host);
  f.seen.add(host);
}

export function runFrame(p: FrameParts): void {
  p.table.observe();
  const started = p.now();
  const deferMs = p.burst.deferFor(started);
  if (deferMs > 0 && p.hosts.size === 0) {
    // Mid-scroll with no chip left to check: nothing can be wrong, so the anchors wait for the table too.
    p.scheduler.wakeAfter(deferMs);
    return;
  }
  if (deferMs === 0) p.burst.drawn(started);
  const f: FrameState = { started, deferMs, created: 0, deferred: false, seen: new Set() };
  for (const anchor of p.rows.current()) visit(p, f, anchor);
  p.hosts.removeExcept(f.seen);
  const switched = p.placement.measure();
  // In the same frame as the writes above: a re-keyed host never shows at its cell's old place.
  p.floats.place();
  if (f.deferred || switched > 0) p.scheduler.schedule();
  if (deferMs > 0) p.scheduler.wakeAfter(deferMs);
}
