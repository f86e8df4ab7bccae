import { visibleText } from './discover';
import type { PickedText } from './panel-draft';
import { selectorOf } from './selector';

/**
 * One click on the page chooses a text (where a mapping's account, currency or range is shown): the next
 * click outside KPI Lens's own layer is taken (the page does not get it), its element remembered by a
 * selector that finds it again on a later visit, in the document or the open shadow root it lives in.
 * Escape ends it without a choice. Returns the function that ends it.
 */
export function pickTextOnPage(
  doc: Document,
  ownLayer: Element,
  done: (picked: PickedText | null) => void,
): () => void {
  const onClick = (event: MouseEvent) => {
    const path = event.composedPath();
    if (path.includes(ownLayer)) return;
    const target = path.find((node): node is Element => node instanceof doc.defaultView!.Element);
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    const sample = visibleText(target).slice(0, 200);
    finish(sample ? { selector: selectorOf(target), sample } : null);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    finish(null);
  };
  let ended = false;
  function stop() {
    if (ended) return;
    ended = true;
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('keydown', onKey, true);
  }
  function finish(picked: PickedText | null) {
    stop();
    done(picked);
  }
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('keydown', onKey, true);
  return stop;
}
