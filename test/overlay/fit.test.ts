import { describe, expect, it } from 'vitest';
import {
  belowOffset,
  clipBox,
  compactOffset,
  floatSpot,
  inlineFits,
  NAME_KEPT_CHARS,
  nameStaysReadable,
  type Box,
} from '@/lib/overlay/fit';

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

describe('a name stays readable beside chips', () => {
  it('keeps at least 24 characters, or all a shorter name showed', () => {
    expect(NAME_KEPT_CHARS).toBe(24);
    expect(nameStaysReadable(29, 24)).toBe(true);
    expect(nameStaysReadable(29, 20)).toBe(false); // "BF26 | Prospecting | U" of "BF26 | Prospecting | US | ABO"
    expect(nameStaysReadable(9, 9)).toBe(true);
    expect(nameStaysReadable(9, 8)).toBe(false);
  });

  it("a name the page already cuts short is not the chips' doing", () => {
    expect(nameStaysReadable(18, 18)).toBe(true);
    expect(nameStaysReadable(18, 17)).toBe(false);
  });
});

describe('chips under the name', () => {
  const cell = box(191, 202, 360, 46);
  const host = { left: 551, top: 217 };

  it("go on the line just under the name, at the cell's start, offset from the host", () => {
    // Name text 210–224; chips 16 px tall from 225 to 241, inside the cell (bottom 248).
    expect(belowOffset(host, cell, cell, { width: 290, height: 16 }, 224)).toEqual({
      left: 191 - 551,
      top: 225 - 217,
    });
  });

  it('at the end in a right-to-left cell', () => {
    expect(belowOffset(host, cell, cell, { width: 290, height: 16 }, 224, true)).toEqual({
      left: 551 - 290 - 551,
      top: 225 - 217,
    });
  });

  it('not when the line is wider than the cell, or there is no room under the name', () => {
    expect(belowOffset(host, cell, cell, { width: 361, height: 16 }, 224)).toBeNull();
    expect(belowOffset(host, cell, cell, { width: 290, height: 16 }, 235)).toBeNull();
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

describe('floating chips (cells that clip, tables moved by transform)', () => {
  const cell = box(24, 160, 296, 48);
  const chips = { width: 120, height: 16 };
  const compact = { width: 16, height: 16 };

  it('beside the name when the chips fit across what the cell shows, centred on the row', () => {
    expect(floatSpot(cell, cell, 100, chips, compact)).toEqual({ mode: 'full', left: 106, top: 176 });
  });

  it('the compact chip at the cell’s end when they do not (a long name), at its start in RTL', () => {
    expect(floatSpot(cell, cell, 250, chips, compact)).toEqual({ mode: 'compact', left: 300, top: 176 });
    expect(floatSpot(cell, cell, 60, chips, compact, true)).toEqual({ mode: 'compact', left: 28, top: 176 });
    expect(floatSpot(cell, cell, 300, chips, compact, true)).toEqual({ mode: 'full', left: 174, top: 176 });
  });

  it('nothing where the chips would not lie wholly in the part of the cell that is seen', () => {
    expect(floatSpot(cell, null, 100, chips, compact)).toBeNull();
    // Scrolled half under the header: the row shows 160–180, the chips would span 176–192.
    expect(floatSpot(cell, box(24, 160, 296, 20), 100, chips, compact)).toBeNull();
    // Still in view from 170: the chips are.
    expect(floatSpot(cell, box(24, 170, 296, 38), 100, chips, compact)?.mode).toBe('full');
  });

  it('the choice between full and compact does not change as the row scrolls up or down', () => {
    const tops = [160, 165, 170, 175].map((t) => floatSpot(cell, box(24, t, 296, 48), 250, chips, compact));
    expect(tops.map((s) => s?.mode)).toEqual(['compact', 'compact', 'compact', 'compact']);
  });
});

describe('clipBox', () => {
  it('is the part inside every clip, or null', () => {
    expect(clipBox(box(0, 0, 100, 100), [box(50, -10, 100, 60), box(0, 20, 80, 100)])).toEqual(
      box(50, 20, 30, 30),
    );
    expect(clipBox(box(0, 0, 10, 10), [box(20, 0, 10, 10)])).toBeNull();
  });
});
