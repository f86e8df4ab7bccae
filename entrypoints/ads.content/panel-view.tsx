import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { OVERLAY_ATTR } from '@/components/overlay/chip-dom';
import { SummaryPanel } from '@/components/overlay/summary-panel';
import type { PanelActions, PanelView } from '@/lib/content/overlay-controller';
import type { SummaryModel } from '@/lib/overlay/summary';

/**
 * The summary panel in one shadow root (WXT `createShadowRootUi`, styles from the content script's CSS),
 * rendered with React. Created on first use; collapsed by default so it stays out of the way.
 */
export function createPanelView(ctx: ContentScriptContext, platformLabel: string): PanelView {
  let ui: ShadowRootContentScriptUi<Root> | null = null;
  let creating = false;
  let latest: { model: SummaryModel; actions: PanelActions } | null = null;
  let collapsed = true;

  const draw = () => {
    const root = ui?.mounted;
    if (!root || !latest) return;
    const { model, actions } = latest;
    root.render(
      <SummaryPanel
        model={model}
        platformLabel={platformLabel}
        collapsed={collapsed}
        onToggle={() => {
          collapsed = !collapsed;
          draw();
        }}
        onHide={actions.hideOnPlatform}
        onOpenOptions={actions.openOptions}
      />,
    );
  };

  const create = async () => {
    creating = true;
    try {
      const made = await createShadowRootUi<Root>(ctx, {
        name: 'kpi-lens-panel',
        position: 'inline',
        anchor: 'body',
        append: 'last',
        // The panel's own :host reset (panel.css) replaces WXT's, so the host can be fixed in the corner.
        inheritStyles: true,
        // Keys typed in the panel must not trigger the ad manager's shortcuts.
        isolateEvents: true,
        onMount(container, _shadow, host) {
          host.setAttribute(OVERLAY_ATTR, 'panel');
          return createRoot(container);
        },
        onRemove(root) {
          root?.unmount();
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
    show(model, actions) {
      latest = { model, actions };
      if (ui) draw();
      else if (!creating) void create();
    },
    remove() {
      latest = null;
      ui?.remove();
      ui = null;
    },
  };
}
