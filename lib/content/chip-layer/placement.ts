import { placeBelow, placeCompact, setBelow, setFit } from '../../overlay/chip-dom';
import { inlineFits, nameStaysReadable } from '../../overlay/fit';
import { shownName } from '../name-room';
import {
  boxAt,
  boxOf,
  readInlineTry,
  readSpot,
  sameSize,
  sizeOf,
  type InlineTry,
  type Size,
  type Spot,
} from './measure';

/**
 * Placement: how each cell takes its row's chips, found without ever changing the host page's layout. A host
 * starts taking no room, the cell is measured, the chips are tried beside the name, and the cell measured
 * again — one batch of reads per frame, writes only between the batches. Where the cell grew or a chip would
 * be cut off, the host goes back to taking no room and shows one compact chip laid over the cell's corner;
 * where the chips would squeeze the name, they go on a line of their own under it (when the cell has room
 * there). The verdict is kept per cell and tried again when the cell is resized.
 */

/**
 * How a cell takes its row's chips: beside the name; under it, on a line of their own laid over the cell's free
 * space (where beside it they would squeeze the name); or as one compact chip laid over the cell's corner.
 */
type Verdict = 'inline' | 'below' | 'below-out-of-flow' | 'overlay' | 'overlay-out-of-flow';

interface Job {
  host: HTMLElement;
  cell: Element;
}

/**
 * One frame's measuring: cells never measured are probed (measured without, then with the chips beside the
 * name); cells known to take them inline are checked (with the chips, against their size without); overlay
 * hosts are placed.
 */
interface Queue {
  probes: Job[];
  checks: Job[];
  places: Job[];
}

const emptyQueue = (): Queue => ({ probes: [], checks: [], places: [] });

export interface Placement {
  /** Sets the host's fit from its cell's verdict and queues what the frame must measure of it. */
  fit(host: HTMLElement, cell: Element): void;
  /** A host that shows the right row: its cell measured again if it was resized, or its compact chip placed. */
  revisit(host: HTMLElement, cell: Element): void;
  /** The host was checked this frame: nothing is left pending for it. */
  settled(host: HTMLElement): void;
  /** Follows the cell's size: a resize asks for a new verdict. */
  watch(cell: Element): void;
  /** Forgets a host about to be removed (still in its cell). */
  forget(host: HTMLElement): void;
  /**
   * The frame's layout reads, batched, then the writes they decide. Returns how many hosts went over to the
   * overlay (placed on the next frame, when the host takes no room again).
   */
  measure(): number;
  disconnect(): void;
}

/** What the layer knows of the cells and hosts it placed. */
interface FitState {
  /** What each cell was found to take, and the cell's size when it was found (a resize asks again). */
  verdicts: WeakMap<Element, Verdict>;
  fittedSize: WeakMap<Element, Size>;
  /** The name of a probed cell and how many of its characters it showed without chips. */
  nameWithout: WeakMap<Element, { node: Text; chars: number } | null>;
  /** Hosts whose cell must be measured again (resized), or whose compact chip still needs a place. */
  refit: Set<HTMLElement>;
  unplaced: Set<HTMLElement>;
}

/** Sets the host's fit from its cell's verdict, and queues the measuring that verdict asks for. */
function queueFit(state: FitState, queue: Queue, host: HTMLElement, cell: Element): void {
  const verdict = state.verdicts.get(cell);
  if (verdict === undefined || !state.fittedSize.has(cell)) {
    setBelow(host, false);
    setFit(host, 'overlay', true); // out of flow: the cell is measured as if the host were not there
    queue.probes.push({ host, cell });
  } else if (verdict === 'inline') {
    setBelow(host, false);
    setFit(host, 'inline');
    queue.checks.push({ host, cell });
  } else {
    setFit(host, 'overlay', verdict.endsWith('out-of-flow'));
    setBelow(host, verdict.startsWith('below'));
    queue.places.push({ host, cell });
  }
}

/** Writes the verdict of a cell tried with its chips beside the name; true when it went to the overlay. */
function judge(state: FitState, { host, cell }: Job, t: InlineTry, size: Size): boolean {
  // A cell measured before its row was recycled: its name's length stands for what it showed.
  const without = state.nameWithout.get(cell);
  const before = without && without.node === t.name?.node ? without.chars : (t.name?.length ?? 0);
  const readable = !t.name || nameStaysReadable(before, t.name.chars);
  state.fittedSize.set(cell, size);
  if (readable && inlineFits(boxAt(t.withChips, size), t.withChips, t.visible, t.chips)) {
    state.verdicts.set(cell, 'inline');
    return false;
  }
  // A name the chips would squeeze gets them on the line under it where the cell has room (placed next
  // frame, measured then); chips that do not fit the cell at all go straight to the compact chip.
  const below = !readable;
  state.verdicts.set(cell, `${below ? 'below' : 'overlay'}${t.outOfFlow ? '-out-of-flow' : ''}`);
  setFit(host, 'overlay', t.outOfFlow);
  setBelow(host, below);
  state.unplaced.add(host);
  return true;
}

/** Moves an overlay host's chips to their spot; true when there was none under the name (compact next). */
function place(state: FitState, { host, cell }: Job, { below, at }: Spot): boolean {
  if (below && !at) {
    // No room under the name either: the compact chip, placed next frame.
    const outOfFlow = state.verdicts.get(cell)?.endsWith('out-of-flow') ?? false;
    state.verdicts.set(cell, outOfFlow ? 'overlay-out-of-flow' : 'overlay');
    setBelow(host, false);
    state.unplaced.add(host);
    return true;
  }
  if (below) placeBelow(host, at!.left, at!.top);
  else placeCompact(host, at!.left, at!.top);
  return false;
}

/**
 * The frame's layout reads, batched: the probed cells without chips (only cells never measured), then every
 * cell with its chips beside the name, and the overlay hosts' boxes. Writes happen between the batches only,
 * never in a read loop. Returns how many hosts went over to the overlay.
 */
function measureQueue(state: FitState, { probes, checks, places }: Queue): number {
  if (probes.length + checks.length + places.length === 0) return 0;
  const natural = probes.map(({ cell }) => sizeOf(boxOf(cell.getBoundingClientRect())));
  for (const { cell } of probes) state.nameWithout.set(cell, shownName(cell));
  for (const { host } of probes) setFit(host, 'inline');

  const inline = [...probes, ...checks];
  const sizes = [...natural, ...checks.map(({ cell }) => state.fittedSize.get(cell)!)];
  const known = (cell: Element) => state.nameWithout.get(cell)?.node;
  const tried = inline.map(({ host, cell }) => readInlineTry(host, cell, known(cell)));
  const spots = places.map(({ host, cell }) => readSpot(host, cell, known(cell)));

  let switched = 0;
  inline.forEach((job, i) => {
    if (judge(state, job, tried[i]!, sizes[i]!)) switched++;
  });
  places.forEach((job, i) => {
    if (place(state, job, spots[i]!)) switched++;
  });
  return switched;
}

/** Marks for a new verdict the hosts whose cells changed size since their verdict (null: no ResizeObserver). */
function observeResizes(
  state: FitState,
  hostOf: (cell: Element) => HTMLElement | undefined,
  onResize: () => void,
): ResizeObserver | null {
  if (typeof ResizeObserver === 'undefined') return null;
  return new ResizeObserver((entries) => {
    let changed = false;
    for (const entry of entries) {
      const host = hostOf(entry.target);
      if (!host) continue;
      const now = sizeOf(boxOf(entry.target.getBoundingClientRect()));
      if (sameSize(state.fittedSize.get(entry.target), now)) continue;
      state.refit.add(host);
      changed = true;
    }
    if (changed) onResize();
  });
}

/** `hostOf`: the layer's live host in a cell; `onResize`: asks for a frame. */
export function createPlacement(
  hostOf: (cell: Element) => HTMLElement | undefined,
  onResize: () => void,
): Placement {
  const state: FitState = {
    verdicts: new WeakMap(),
    fittedSize: new WeakMap(),
    nameWithout: new WeakMap(),
    refit: new Set(),
    unplaced: new Set(),
  };
  let queue = emptyQueue();
  const resizes = observeResizes(state, hostOf, onResize);
  return {
    fit: (host, cell) => queueFit(state, queue, host, cell),
    revisit(host, cell) {
      if (state.refit.has(host)) {
        state.verdicts.delete(cell);
        queueFit(state, queue, host, cell);
      } else if (state.unplaced.has(host)) queue.places.push({ host, cell });
    },
    settled(host) {
      state.refit.delete(host);
      state.unplaced.delete(host);
    },
    watch: (cell) => resizes?.observe(cell),
    forget(host) {
      const cell = host.parentElement;
      if (cell && resizes) resizes.unobserve(cell);
      state.refit.delete(host);
      state.unplaced.delete(host);
    },
    measure() {
      const frame = queue;
      queue = emptyQueue();
      return measureQueue(state, frame);
    },
    disconnect: () => resizes?.disconnect(),
  };
}
