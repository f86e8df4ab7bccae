import { describe, expect, it } from 'vitest';
import { compactOffset, inlineFits, type Box } from '@/lib/overlay/fit';

const box = (left: number, top: number, width: number, height: number): Box => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

describe('inline chips fit', () => {
  const cell = box(100, 200, 360, 46);
  const visible = box(100, 200, 360, 46);

  it('when the cell keeps its size and every chip is inside what the cell shows', () => {
    expect(inlineFits(cell, cell, visible, [box(300, 207, 120, 16), box(300, 225, 130, 16)])).toBe(true);
  });

  it('not when the row grows with them (rows as tall as their text)', () => {
    expect(inlineFits(box(194, 162, 130, 70), box(194, 162, 130, 104), visible, [])).toBe(false);
    // Wider, too (an auto-sized column).
    expect(inlineFits(cell, box(100, 200, 400, 46), visible, [])).toBe(false);
  });

  it('not when a chip would be cut off by the cell (a third line in a fixed 46 px row, or too wide)', () => {
    expect(inlineFits(cell, cell, visible, [box(300, 243, 120, 16)])).toBe(false);
    expect(inlineFits(cell, cell, visible, [box(420, 207, 60, 16)])).toBe(false);
  });

  it('ignores sub-pixel differences', () => {
    expect(inlineFits(cell, box(100, 200, 360.3, 46.4), visible, [box(300, 207, 160.4, 16)])).toBe(true);
  });
});

describe('where the compact chip goes', () => {
  // TikTok's name cell: 130 px wide, 8 px padding top and bottom, 12 px at the end; the empty host sits at
  // the start of a line below the last block (the content box's bottom start corner).
  const padding = box(194, 162, 130, 70);
  const content = { left: 194, top: 170, right: 312, bottom: 224 };

  it('in the bottom end corner of the content box, as an offset from the host', () => {
    expect(compactOffset({ left: 194, top: 224 }, content, padding, { width: 16, height: 16 })).toEqual({
      left: 312 - 16 - 194,
      top: -16,
    });
  });

  it('right to left: the bottom left corner', () => {
    expect(compactOffset({ left: 312, top: 224 }, content, padding, { width: 16, height: 16 }, true)).toEqual(
      { left: 194 - 312, top: -16 },
    );
  });

  it('inside the padding box however small the cell', () => {
    const tiny = box(0, 0, 12, 10);
    const spot = compactOffset({ left: 0, top: 0 }, tiny, tiny, { width: 16, height: 16 });
    expect(spot).toEqual({ left: 0, top: 0 });
  });
});
