/**
 * How much of a row's name a buyer can see. The name is the cell's text node that shows the most (ad managers
 * also keep visually hidden copies of it for screen readers, clipped to a pixel, which must not count), and
 * what it shows is its laid-out width cut by every ancestor up to the cell that clips overflow (an ellipsis).
 * Layout reads only: the chip layer calls these inside its batched measuring step.
 */
export interface ShownName {
  node: Text;
  /** Characters of the name left visible (by width). */
  chars: number;
  /** All of its characters. */
  length: number;
  /** Where its text ends downwards (viewport pixels). */
  bottom: number;
}

export function shownName(cell: Element, known?: Text): ShownName | null {
  if (known && cell.contains(known)) return measure(cell, known);
  const walker = cell.ownerDocument.createTreeWalker(cell, 4 /* NodeFilter.SHOW_TEXT */);
  let best: ShownName | null = null;
  let bestChars = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent?.trim()) continue;
    const seen = measure(cell, n as Text);
    if (seen && seen.chars > bestChars) [best, bestChars] = [seen, seen.chars];
  }
  return best;
}

function measure(cell: Element, node: Text): ShownName | null {
  const length = node.textContent!.trim().length;
  const range = cell.ownerDocument.createRange();
  // A DOM without layout (a test's) cannot say what is shown: no verdict from the name there.
  if (typeof range.getBoundingClientRect !== 'function') return null;
  range.selectNodeContents(node);
  const box = range.getBoundingClientRect();
  if (box.width < 1 || length === 0) return null;
  let left = box.left;
  let right = box.right;
  const view = cell.ownerDocument.defaultView;
  for (let el = node.parentElement; el && right > left; el = el.parentElement) {
    if (view && view.getComputedStyle(el).overflowX !== 'visible') {
      const clip = el.getBoundingClientRect();
      left = Math.max(left, clip.left + el.clientLeft);
      right = Math.min(right, clip.left + el.clientLeft + el.clientWidth);
    }
    if (el === cell) break;
  }
  const shown = Math.max(0, right - left) / box.width;
  return { node, chars: Math.floor(length * Math.min(1, shown) + 0.01), length, bottom: box.bottom };
}
