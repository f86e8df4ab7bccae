import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { OVERLAY_ATTR } from '@/lib/overlay/chip-dom';
import { createSummaryPanel, type SummaryPanel } from '@/components/overlay/summary-panel';
import type { PanelActions, PanelView } from '@/lib/content/overlay-controller';
import type { CurrencyPrompt } from '@/lib/overlay/currency-prompt';
import type { EditableKpi, SummaryModel } from '@/lib/overlay/summary';

/**
 * The summary panel in one shadow root (WXT `createShadowRootUi`, styles from the content script's CSS),
 * drawn as plain DOM. Created on first use; collapsed by default so it stays out of the way.
 */
export interface PanelTargets {
  /** Opens the target editor for the table's `kpi`, beside `anchor` (its KPI in the panel). */
  editTarget(kpi: EditableKpi, anchor: HTMLElement): void;
}

export interface PanelViewWithFocus extends PanelView {
  /** Puts the focus on the panel's KPI of `kpi` (where the target editor gives it back). */
  focusKpi(kpi: EditableKpi): void;
}

export function createPanelView(
  ctx: ContentScriptContext,
  platformLabel: string,
  targets: PanelTargets,
  /** The panel's styles as text, for a script with `cssInjectionMode: 'manual'` (else its CSS file is used). */
  css?: string,
): PanelViewWithFocus {
  let ui: ShadowRootContentScriptUi<SummaryPanel> | null = null;
  let creating = false;
  let latest: { model: SummaryModel; actions: PanelActions; currency: CurrencyPrompt | null } | null = null;
  let collapsed = true;

  const draw = () => {
    const panel = ui?.mounted;
    if (!panel || !latest) return;
    const { model, actions, currency } = latest;
    panel.render({
      model,
      platformLabel,
      collapsed,
      onToggle() {
        collapsed = !collapsed;
        draw();
      },
      onHide: actions.hideOnPlatform,
      onOpenOptions: actions.openOptions,
      currencyPrompt: currency,
      onAnswerCurrency: actions.answerCurrency,
      onEditTarget: targets.editTarget,
      ...(actions.mapTable ? { onMapTable: actions.mapTable } : {}),
    });
  };

  const create = async () => {
    creating = true;
    try {
      const made = await createShadowRootUi<SummaryPanel>(ctx, {
        name: 'kpi-lens-panel',
        position: 'inline',
        anchor: 'body',
        append: 'last',
        // The panel's own :host reset (panel.css) replaces WXT's, so the host can be fixed in the corner.
        inheritStyles: true,
        ...(css === undefined ? {} : { css }),
        // Keys typed in the panel must not trigger the ad manager's shortcuts.
        isolateEvents: true,
        onMount(container, _shadow, host) {
          host.setAttribute(OVERLAY_ATTR, 'panel');
          const panel = createSummaryPanel(container.ownerDocument);
          container.append(panel.element);
          return panel;
        },
        onRemove(panel) {
          panel?.element.remove();
        },
      });
      if (!latest || ctx.isInvalid) return; // removed while the stylesheet was loading
      ui = made;
      made.mount();
      draw();
    } finally {
      creating = false;
    }
  };

  return {
    show(model, actions, currency) {
      latest = { model, actions, currency };
      if (ui) draw();
      else if (!creating) void create();
    },
    focusKpi(kpi) {
      const panel = ui?.mounted;
      if (!panel || panel.focusKpi(kpi)) return;
      // The panel is redrawn a moment after a save: the line is back on the next frames.
      requestAnimationFrame(() => requestAnimationFrame(() => ui?.mounted?.focusKpi(kpi)));
    },
    remove() {
      latest = null;
      ui?.remove();
      ui = null;
    },
  };
}
