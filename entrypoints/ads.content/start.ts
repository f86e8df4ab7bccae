import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { removeOverlayNodes } from '@/lib/overlay/chip-dom';
import { createTargetEditor } from '@/components/overlay/target-editor';
import { createChipTooltip } from '@/components/overlay/tooltip';
import { createOverlay } from '@/lib/content/overlay-controller';
import { readPageContinuously } from '@/lib/content/page-reader';
import { setLanguage, t, uiLocale } from '@/lib/i18n';
import { sendRequest, type Request } from '@/lib/messages';
import { withOverlayHiddenOn } from '@/lib/overlay/prefs';
import type { PlatformAdapter } from '@/lib/platforms/types';
import { loadSettings, SETTINGS_KEY, updateSettings } from '@/lib/store/settings';
import CATALOGS from 'virtual:kpi-lens-content-catalogs';
import { createPanelView } from './panel-view';

/** Sends a request; its reply (typed by the request's type, parsed on arrival) or the error, thrown. */
async function send<R extends Request>(message: R) {
  const response = await sendRequest(message);
  if (!response.ok) throw new Error(response.error);
  return response;
}

/**
 * Wiring of a content script that reads one adapter's tables (an ad manager's, or a mapped table's): the
 * reading loop (restarted on every in-app navigation) and the overlay (chips, tooltip, summary panel), all
 * removed when the extension is updated or disabled. `panelCss`: the panel's styles, for a script whose CSS is
 * not a file of its own (the mapped reader runs on sites no web-accessible resource is exposed to).
 */
export function startContentScript(
  ctx: ContentScriptContext,
  adapter: PlatformAdapter,
  panelCss?: string,
): void {
  // An earlier copy of this script (before an update) may have left nodes behind: never show chips twice.
  removeOverlayNodes(document);

  const warn = (message: string) => {
    if (ctx.isValid) console.warn(message);
  };
  const tooltip = createChipTooltip(document);
  // The panel's KPIs open the same target editor as the chips (both made below, used only once drawn).
  const panel = createPanelView(
    ctx,
    adapter.label,
    {
      editTarget(kpi, anchor) {
        const target = overlay.tableTargetContext(kpi);
        if (target) editor.openFor(anchor, target, () => panel.focusKpi(kpi));
      },
    },
    panelCss,
  );
  const overlay = createOverlay({
    doc: document,
    adapter,
    loadSettings,
    watchSettings(onChange) {
      const listener = (changes: Record<string, unknown>, area: string) => {
        if (area === 'local' && SETTINGS_KEY in changes) onChange();
      };
      browser.storage.onChanged.addListener(listener);
      return () => {
        try {
          browser.storage.onChanged.removeListener(listener);
        } catch {
          // The extension is already gone (disabled or updated): nothing is listening any more.
        }
      };
    },
    async loadTargets() {
      return (await send({ type: 'targets:list' })).targets;
    },
    async loadComparison(q) {
      return (await send({ type: 'compare:get', ...q })).comparison;
    },
    async hideOnPlatform() {
      await updateSettings((s) => withOverlayHiddenOn(s, adapter.id, true));
    },
    async openOptions() {
      await send({ type: 'options:open' });
    },
    // A preview adapter's reading is not confirmed by a real page: where it fails, the user may map the table.
    ...(adapter.checkedAgainst === 'public evidence' && adapter.id !== 'generic'
      ? {
          async mapTable() {
            await send({ type: 'table-picker:here' });
          },
        }
      : {}),
    async answerCurrency({ platform, accountId }, answer) {
      // Through the worker, which checks that this page may answer for the account's platform.
      await send(
        answer.kind === 'set'
          ? { type: 'account-currency:set', platform, accountId, currency: answer.currency }
          : { type: 'account-currency:dismiss', platform, accountId },
      );
    },
    applyLanguage: (settings) => setLanguage(settings.language, async (language) => CATALOGS[language]),
    panel,
    t,
    locale: uiLocale,
    now: () => Date.now(),
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    warn,
  });

  // Targets set from a chip, saved through the worker (which checks the page may set them).
  const editor = createTargetEditor(document, {
    contextOf: (entityKey, kpi) => overlay.targetContext(entityKey, kpi),
    async save(target) {
      await send({ type: 'target:save', target });
      await overlay.targetsChanged();
    },
    t,
    locale: uiLocale,
  });

  let run: AbortController | null = null;
  const restart = (url: string | URL = location.href) => {
    run?.abort();
    run = new AbortController();
    overlay.reset();
    readPageContinuously(run.signal, overlay.events, url, adapter).catch((error: unknown) =>
      warn(String(error)),
    );
  };
  // Ad managers are single-page apps: a level, filter or date change is a location change. The event comes
  // before the address bar changes (Navigation API), so the new run is told where it is going.
  ctx.addEventListener(window, 'wxt:locationchange', (event) => restart(event.newUrl));
  // A disabled or updated extension leaves this script running without a runtime; WXT notices that (and
  // fires onInvalidated) only when one of its timers ticks, so keep one ticking.
  ctx.setInterval(() => undefined, 1000);
  ctx.onInvalidated(() => {
    run?.abort();
    overlay.destroy();
    tooltip.destroy();
    editor.destroy();
  });
  restart();
}
