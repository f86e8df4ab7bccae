/**
 * Whether a row's chips can sit beside its name without changing the ad manager's layout, and where the
 * compact chip goes when they cannot. Pure geometry on measured boxes (viewport pixels); the chip layer
 * does the measuring, batched once per frame.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Sub-pixel rounding differences are not a change. */
const EPSILON = 0.5;

/**
 * Inline chips fit when the cell kept the size it has without them (`natural` vs `withChips`: a row that
 * grows with its content would otherwise get taller) and no chip sticks out of the part of the cell that
 * is shown (`visible`: its padding box, which clips overflowing content).
 */
export function inlineFits(natural: Box, withChips: Box, visible: Box, chips: readonly Box[]): boolean {
  const width = (b: Box) => b.right - b.left;
  const height = (b: Box) => b.bottom - b.top;
  if (width(withChips) > width(natural) + EPSILON || height(withChips) > height(natural) + EPSILON)
    return false;
  return chips.every(
    (c) =>
      c.left >= visible.left - EPSILON &&
      c.right <= visible.right + EPSILON &&
      c.top >= visible.top - EPSILON &&
      c.bottom <= visible.bottom + EPSILON,
  );
}

/** Chips beside a name leave at least this many of its characters visible (or all of a shorter name). */
export const NAME_KEPT_CHARS = 24;

/**
 * Whether chips beside a name leave it recognisable: at least `NAME_KEPT_CHARS` characters, or as many as the
 * cell showed without them when that was fewer (a cell the page already cuts short is not the chips' doing).
 */
export function nameStaysReadable(charsWithout: number, charsWith: number): boolean {
  return charsWith >= Math.min(NAME_KEPT_CHARS, charsWithout);
}

/**
 * The compact chip's offset from the host's own (empty) box: in the bottom end corner of the cell's content
 * box (the name's last line, or the free space under a one-line name), kept inside the padding box.
 */
export function compactOffset(
  host: { left: number; top: number },
  content: Box,
  padding: Box,
  size: { width: number; height: number },
  rtl = false,
): { left: number; top: number } {
  const left = rtl
    ? Math.min(Math.max(content.left, padding.left), padding.right - size.width)
    : Math.max(Math.min(content.right, padding.right) - size.width, padding.left);
  const top = Math.max(Math.min(content.bottom, padding.bottom) - size.height, padding.top);
  return { left: left - host.left, top: top - host.top };
}

/**
 * The offset from the host's own (empty) box of the full chips on a line of their own just under the name
 * (`nameBottom`: where the name's text ends downwards), at the cell's start: null when that line does not fit
 * across the cell or below the name inside it (the compact chip is used then).
 */
export function belowOffset(
  host: { left: number; top: number },
  content: Box,
  padding: Box,
  size: { width: number; height: number },
  nameBottom: number,
  rtl = false,
): { left: number; top: number } | null {
  const start = Math.max(content.left, padding.left);
  const end = Math.min(content.right, padding.right);
  const top = nameBottom + BELOW_GAP;
  if (size.width > end - start + EPSILON) return null;
  if (top + size.height > Math.min(content.bottom, padding.bottom) + EPSILON) return null;
  const left = rtl ? end - size.width : start;
  return { left: left - host.left, top: top - host.top };
}

/** Room between a name and the chips on the line under it. */
const BELOW_GAP = 1;

/** The part of `box` inside every one of `clips` (null when nothing of it is). */
export function clipBox(box: Box, clips: readonly Box[]): Box | null {
  let { left, top, right, bottom } = box;
  for (const c of clips) {
    left = Math.max(left, c.left);
    top = Math.max(top, c.top);
    right = Math.min(right, c.right);
    bottom = Math.min(bottom, c.bottom);
  }
  return right - left > EPSILON && bottom - top > EPSILON ? { left, top, right, bottom } : null;
}

const inside = (b: Box, outer: Box) =>
  b.left >= outer.left - EPSILON &&
  b.right <= outer.right + EPSILON &&
  b.top >= outer.top - EPSILON &&
  b.bottom <= outer.bottom + EPSILON;

/** Room kept between the name and the chips, and between a chip and the cell's edge. */
const FLOAT_GAP = 6;
const FLOAT_INSET = 4;

export interface FloatSpot {
  /** `full`: every chip beside the name; `compact`: the one compact chip at the cell's end. */
  mode: 'full' | 'compact';
  left: number;
  top: number;
}

/**
 * Where a floating row's chips go (viewport pixels), for a cell the page clips or moves by transform: the
 * chips beside the name (`contentEnd`: where the name's text ends, at the start side in RTL) when they fit
 * in what the cell shows across, else the compact chip at the cell's end; vertically centred on the cell.
 * Null when the chosen chips would not lie wholly inside the part of the cell that is seen (`visible`:
 * the cell clipped by the viewport and every clipping ancestor): a chip half over another row, the header
 * or the footer is never shown.
 */
export function floatSpot(
  cell: Box,
  visible: Box | null,
  contentEnd: number,
  chips: { width: number; height: number },
  compact: { width: number; height: number },
  rtl = false,
): FloatSpot | null {
  if (!visible) return null;
  const middle = (cell.top + cell.bottom) / 2;
  const at = (mode: FloatSpot['mode'], left: number, size: { width: number; height: number }) => {
    const top = middle - size.height / 2;
    return {
      spot: { mode, left, top },
      box: { left, top, right: left + size.width, bottom: top + size.height },
    };
  };
  const full = at('full', rtl ? contentEnd - FLOAT_GAP - chips.width : contentEnd + FLOAT_GAP, chips);
  // Across only: whether the chips fit beside the name does not change as the row scrolls up or down.
  const across = {
    left: visible.left + FLOAT_INSET,
    right: visible.right - FLOAT_INSET,
    top: -Infinity,
    bottom: Infinity,
  };
  const chosen =
    chips.width > 0 && inside(full.box, across)
      ? full
      : at(
          'compact',
          rtl ? visible.left + FLOAT_INSET : visible.right - FLOAT_INSET - compact.width,
          compact,
        );
  return inside(chosen.box, visible) ? chosen.spot : null;
}
