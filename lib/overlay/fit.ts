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
