import { adoptStyles, CHIP_HOST_TAG, OVERLAY_ATTR } from '@/lib/overlay/chip-dom';
import { TOOLTIP_CSS } from '@/lib/overlay/chip-styles';

/**
 * One tooltip for every chip on the page: shown when a chip is hovered or focused (so keyboard users get
 * it too), hidden on leave, blur, Escape or scroll. Listening once on the document (events from inside the
 * chips' open shadow roots arrive retargeted to their host) costs nothing per row. The tooltip is a popover
 * in the top layer where supported, so the ad manager's clipping and stacking cannot hide it.
 */

export interface ChipTooltip {
  destroy(): void;
  /** The tooltip's current text ('' when hidden): for tests. */
  readonly text: string;
}

/** The chip (or compact chip) an event inside a chip host happened on. */
export function chipOf(event: Event): HTMLElement | null {
  const target = event.target as Element | null;
  if (!target || target.localName !== CHIP_HOST_TAG) return null;
  for (const node of event.composedPath()) {
    if (node instanceof Element && (node.classList.contains('chip') || node.classList.contains('sum')))
      return node as HTMLElement;
    if (node === target) break;
  }
  return null;
}

export function createChipTooltip(doc: Document): ChipTooltip {
  const host = doc.createElement('kpi-lens-tooltip');
  host.setAttribute(OVERLAY_ATTR, 'tooltip');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, TOOLTIP_CSS, null);
  const tip = doc.createElement('div');
  tip.className = 'tip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  // Older browsers without the popover API still get the fixed tooltip, only without the top layer.
  const popover = typeof (tip as Partial<HTMLElement>).showPopover === 'function';
  if (popover) tip.setAttribute('popover', 'manual');
  root.append(tip);
  (doc.body ?? doc.documentElement).append(host);

  let current: HTMLElement | null = null;

  const hide = () => {
    if (!current) return;
    current = null;
    tip.hidden = true;
    tip.textContent = '';
    if (popover && tip.matches(':popover-open')) tip.hidePopover();
  };

  const show = (chip: HTMLElement) => {
    const text = chip.dataset.tip ?? '';
    if (!text) return hide();
    current = chip;
    tip.textContent = text;
    tip.hidden = false;
    if (popover && !tip.matches(':popover-open')) tip.showPopover();
    // One measurement per hover or focus, never in a loop.
    const box = chip.getBoundingClientRect();
    const size = tip.getBoundingClientRect();
    const view = doc.documentElement;
    const below = box.bottom + 6;
    const top = below + size.height > view.clientHeight ? Math.max(4, box.top - 6 - size.height) : below;
    const left = Math.min(Math.max(4, box.left), Math.max(4, view.clientWidth - size.width - 4));
    tip.style.top = `${Math.round(top)}px`;
    tip.style.left = `${Math.round(left)}px`;
  };

  // Entering any other element (or leaving the window) ends a hover; moving between a chip's spans does not.
  const onOver = (event: Event) => {
    const chip = chipOf(event);
    if (chip) {
      if (chip !== current) show(chip);
    } else if (current) hide();
  };
  const onOut = (event: Event) => {
    if (current && (event as MouseEvent).relatedTarget === null) hide();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') hide();
  };

  const controller = new AbortController();
  const options = { capture: true, passive: true, signal: controller.signal };
  doc.addEventListener('mouseover', onOver, options);
  doc.addEventListener('mouseout', onOut, options);
  doc.addEventListener('focusin', onOver, options);
  doc.addEventListener('focusout', hide, options);
  doc.addEventListener('keydown', onKey, options);
  doc.addEventListener('scroll', hide, options);

  return {
    destroy() {
      controller.abort();
      hide();
      host.remove();
    },
    get text() {
      return current ? (tip.textContent ?? '') : '';
    },
  };
}
