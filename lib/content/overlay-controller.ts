import type { KpiId } from '../kpi/definitions';
import { judgeSettingsOf } from '../kpi/judge';
import type { Target } from '../kpi/targets';
import { chipTargetContext, tableTargetContext, type ChipTargetContext } from '../overlay/target-editor';
import type { TableReading } from '../model';
import { chipsForReading, type RowChips, type RowRisk } from '../overlay/chips';
import type { EntityRisk } from '../kpi/entity-risks';
import { rowRisksOf } from '../overlay/risks';
import { accountLtvOf } from '../kpi/ltv';
import { comparisonQueryOf, type ComparisonQuery } from '../overlay/comparison';
import type { TableComparison } from '../ui/comparisons';
import { currencyPrompt, type CurrencyAnswer, type CurrencyPrompt } from '../overlay/currency-prompt';
import type { Translate } from '../overlay/explain';
import { overlayPrefs, type OverlayPrefs } from '../overlay/prefs';
import {
  NO_SAVE,
  summaryModel,
  withSaveState,
  type SaveState,
  type SummaryInput,
  type SummaryModel,
} from '../overlay/summary';
import type { PlatformAdapter } from '../platforms/types';
import type { Settings } from '../store/settings';
import { createChipLayer, type ChipLayer } from './chip-layer';
import type { ReadingEvents } from './page-reader';
import { postTask as postOwnTask } from './tasks';

/**
 * The overlay of one page: turns each reading into chips (through the chip layer) and the summary panel's
 * model, follows the settings, and forgets everything on in-app navigation. Browser specifics (messages,
 * storage, the panel's React root) come in as dependencies, so this runs the same in tests.
 */

export interface PanelActions {
  hideOnPlatform(): void;
  openOptions(): void;
  /** Present where the page's table may be mapped instead (a preview adapter's page it could not read). */
  mapTable?(): void;
  /** Rejects with what went wrong, which the question shows. */
  answerCurrency(prompt: CurrencyPrompt, answer: CurrencyAnswer): Promise<void>;
}

export interface PanelView {
  /** `currency`: the account's currency question, while it is unanswered (lib/overlay/currency-prompt.ts). */
  show(model: SummaryModel, actions: PanelActions, currency: CurrencyPrompt | null): void;
  remove(): void;
}

export interface OverlayDeps {
  doc: Document;
  adapter: PlatformAdapter;
  loadSettings(): Promise<Settings>;
  /** Calls back after the stored settings changed; returns an unsubscribe. */
  watchSettings(onChange: () => void): () => void;
  /** The user's targets (from the background: they live in the extension's database). */
  loadTargets(): Promise<Target[]>;
  /**
   * The stored table of this account, level and range against its previous period and its same period last
   * year (from the background, which reads the stored ranges); null when the table is not stored. Absent:
   * the panel shows no comparisons.
   */
  loadComparison?(q: ComparisonQuery): Promise<TableComparison | null>;
  hideOnPlatform(): Promise<void>;
  openOptions(): Promise<void>;
  /** Starts the table picker in this tab (#15.5); absent where the adapter's reading is trusted. */
  mapTable?(): Promise<void>;
  /** Sends the answer to the currency question (through the worker, which stores it in the settings). */
  answerCurrency(prompt: CurrencyPrompt, answer: CurrencyAnswer): Promise<void>;
  /** Applies the UI language of the settings (before texts are built). */
  applyLanguage?(settings: Settings): Promise<void>;
  panel: PanelView;
  t: Translate;
  locale(): string;
  now(): number;
  /** The browser's time zone, for accounts without one in the settings. */
  timeZone(): string;
  /** Reports a problem without throwing into the page (e.g. the worker is gone). */
  warn?(message: string): void;
  frameBudgetMs?: number;
  /** Milliseconds of panel work (judging rows for its counts) before the page gets the thread back. */
  sliceBudgetMs?: number;
  /** Runs `task` later, in a task of its own (default: right after the page's pending work). */
  postTask?(task: () => void): void;
  /**
   * While readings keep coming, the panel is drawn at most this often (default 1000 ms) and the chips
   * re-evaluated at most this often (default 400 ms); the newest state is always drawn at the end of an
   * interval. 0 draws every reading at once (tests).
   */
  panelRedrawMs?: number;
  chipsRedrawMs?: number;
}

export interface Overlay {
  /** Hand these to `readPageContinuously`. */
  events: ReadingEvents;
  /** Settings and targets loaded, first panel shown. */
  ready: Promise<void>;
  /** An in-app navigation: every chip goes, the panel waits for the new view's reading. */
  reset(): void;
  destroy(): void;
  /** What the target editor of a chip starts from: its row in the current reading, null when not there. */
  targetContext(entityKey: string, kpi: KpiId): ChipTargetContext | null;
  /** What the target editor of the panel's totals line of `kpi` starts from; null when the panel has none. */
  tableTargetContext(kpi: KpiId): ChipTargetContext | null;
  /** A target was saved from the page: ask for the targets now and redraw the chips it changes. */
  targetsChanged(): Promise<void>;
  /** For tests and e2e checks. */
  readonly layer: ChipLayer;
  readonly chips: ReadonlyMap<string, RowChips>;
}

/** Targets are asked of the worker again with new readings, at most this often. */
const TARGETS_REFRESH_MS = 2000;
/** The browser's time zone is asked again at most this often (resolving it costs ~0.1 ms a call). */
const TIME_ZONE_REFRESH_MS = 60_000;

interface Throttle {
  /** Draws now if the last draw was `ms` ago or more, else once when the interval ends. */
  request(): void;
  /** Drops a pending draw; the next request draws at once. */
  cancel(): void;
}

/**
 * A redraw at most every `ms`: the first request of a quiet spell draws at once, later ones in the same
 * interval are merged into one trailing draw, so the newest state is always drawn. `ms <= 0`: every
 * request draws at once.
 */
function throttle(draw: () => void, ms: number): Throttle {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const cooldown = () => {
    timer = undefined;
    if (!pending) return;
    pending = false;
    draw();
    timer = setTimeout(cooldown, ms);
  };
  return {
    request() {
      if (ms <= 0) return draw();
      if (timer !== undefined) {
        pending = true;
        return;
      }
      draw();
      timer = setTimeout(cooldown, ms);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending = false;
    },
  };
}

// eslint-disable-next-line max-lines-per-function -- a closure factory whose inner functions share the overlay's state; to be split like the chip layer (#16.3)
export function createOverlay(deps: OverlayDeps): Overlay {
  const { adapter } = deps;
  let settings: Settings | null = null;
  let prefs: OverlayPrefs = { shown: false, chipKpis: [] };
  let targets: Target[] = [];
  let targetsSignature = '[]';
  let reading: TableReading | null = null;
  let chips: ReadonlyMap<string, RowChips> = new Map();
  let save: SaveState = NO_SAVE;
  /** The worker's risk flags of the last saved reading (lib/kpi/entity-risks.ts), as the chips show them. */
  let risks: readonly EntityRisk[] = [];
  let risksSignature = '[]';
  let rowRisks: ReadonlyMap<string, RowRisk> = new Map();
  /** The panel's comparisons of the table on screen, asked for after each save (the stored rows changed). */
  let comparison: TableComparison | null = null;
  let comparisonJob = 0;
  let destroyed = false;
  let panelShown = false;
  /** Bumped by every panel render: an older one still judging rows stops. */
  let panelJob = 0;
  let lastPanel: { key: unknown[]; model: SummaryModel } | null = null;
  /** A render queued in a task of its own (readings arrive in the reader's task). */
  let renderQueued = false;
  const sliceBudget = deps.sliceBudgetMs ?? 8;
  const postTask = deps.postTask ?? postOwnTask;
  let zone: { value: string; at: number } | null = null;

  const layer = createChipLayer({
    doc: deps.doc,
    anchors: () => adapter.rowAnchors?.(deps.doc) ?? [],
    findTable: () => adapter.findTable(deps.doc),
    groupLabel: () => deps.t('overlay_chips_label'),
    frameBudgetMs: deps.frameBudgetMs,
  });

  const actions: PanelActions = {
    hideOnPlatform: () => void deps.hideOnPlatform().catch((e: unknown) => deps.warn?.(String(e))),
    openOptions: () => void deps.openOptions().catch((e: unknown) => deps.warn?.(String(e))),
    answerCurrency: (prompt, answer) => deps.answerCurrency(prompt, answer),
    ...(deps.mapTable
      ? { mapTable: () => void deps.mapTable!().catch((e: unknown) => deps.warn?.(String(e))) }
      : {}),
  };

  /**
   * The browser's time zone, resolved again at most once a minute: a scrolled table gives several readings
   * a second, and resolving it for each of them was ~40 ms of a long scroll.
   */
  function defaultTimeZone(now: number): string {
    if (!zone || !(Math.abs(now - zone.at) < TIME_ZONE_REFRESH_MS))
      zone = { value: deps.timeZone(), at: now };
    return zone.value;
  }

  /** The judge's settings, made where the worker makes the badge's (lib/kpi/judge.ts). */
  function evaluationSettings(now: number) {
    return judgeSettingsOf(settings, now, defaultTimeZone(now));
  }

  function recomputeChips(): void {
    if (!prefs.shown || !reading || !adapter.rowAnchors) {
      chips = new Map();
      layer.clear();
      return;
    }
    const evaluation = evaluationSettings(deps.now());
    const locale = deps.locale();
    chips = chipsForReading(
      {
        reading,
        targets,
        chipKpis: prefs.chipKpis,
        evaluation,
        text: { locale, t: deps.t },
        risks: rowRisks,
        // Rows of unchanged numbers are reused while none of these changed. A campaign's own budget is
        // judged on its row and paces with the clock: with one, rows are judged again every minute.
        version: JSON.stringify([
          targetsSignature,
          risksSignature,
          prefs.chipKpis,
          evaluation.margin,
          evaluation.fx,
          evaluation.timeZones,
          evaluation.defaultTimeZone,
          evaluation.accountCurrencies,
          targets.some((t) => t.kpi === 'budget') ? Math.floor(evaluation.now / 60_000) : null,
          locale,
          deps.t('overlay_status_no_target'),
        ]),
      },
      chips,
    );
    layer.setChips(chips);
  }

  /**
   * The panel counts every row's statuses, and rows are judged lazily: on a 2,000-row table that is tens of
   * milliseconds, so it is done in slices of a few milliseconds, each in its own task, and the panel is
   * drawn when all rows are judged. A small table is judged at once, in the same task.
   */
  function renderPanel(): void {
    if (destroyed) return;
    const job = ++panelJob;
    if (!prefs.shown) {
      if (panelShown) deps.panel.remove();
      panelShown = false;
      return;
    }
    const rows = [...chips.values()];
    let next = 0;
    const step = () => {
      if (destroyed || job !== panelJob) return;
      const started = performance.now();
      while (next < rows.length) {
        void rows[next++]!.statuses;
        if (next < rows.length && performance.now() - started > sliceBudget) return postTask(step);
      }
      showPanel();
    };
    step();
  }

  function showPanel(): void {
    const now = deps.now();
    const evaluation = evaluationSettings(now);
    const locale = deps.locale();
    const input: SummaryInput = {
      platform: adapter.id,
      platformLabel: adapter.label,
      reading,
      chips,
      targets,
      chipKpis: prefs.chipKpis,
      goalSettings: {
        margin: evaluation.margin,
        fx: evaluation.fx,
        timeZones: evaluation.timeZones,
        defaultTimeZone: evaluation.defaultTimeZone ?? deps.timeZone(),
        accountCurrencies: evaluation.accountCurrencies,
      },
      save,
      now,
      locale,
      t: deps.t,
      risks,
      comparison,
      ltv: settings
        ? accountLtvOf(settings.accountLtv, adapter.id, reading?.context.accountId ?? null)
        : null,
    };
    // A save acknowledged right after its reading changes only the "saved" line: the table's totals were
    // just judged (tens of ms on 2,000 rows) and are not judged again.
    const key = [reading, chips, targets, prefs, settings, locale, comparison];
    const model =
      lastPanel && key.every((k, i) => k === lastPanel!.key[i])
        ? withSaveState(lastPanel.model, input)
        : summaryModel(input);
    lastPanel = { key, model };
    deps.panel.show(model, actions, currencyPrompt(reading, settings, deps.t));
    panelShown = true;
  }

  // A scrolled virtualised table gives a new reading several times a second: judging the rows into chips,
  // re-checking the chips in the table and rendering the panel for each of them made long tasks on the
  // page, so each is redrawn at most every few hundred ms (the panel, a summary, at most once a second).
  // A chips redraw asks for a panel redraw, so the panel's last draw follows the last chips.
  const panelRedraw = throttle(renderPanel, deps.panelRedrawMs ?? 1000);
  const chipsRedraw = throttle(() => {
    if (destroyed) return;
    recomputeChips();
    panelRedraw.request();
  }, deps.chipsRedrawMs ?? 400);

  /** Chips and panel for what changed; `now` (the user changed a setting): at once, not throttled. */
  function render(now = false): void {
    if (destroyed) return;
    if (!now) return chipsRedraw.request();
    chipsRedraw.cancel();
    panelRedraw.cancel();
    recomputeChips();
    renderPanel();
  }

  async function refreshSettings(): Promise<void> {
    const next = await deps.loadSettings();
    if (destroyed) return;
    await deps.applyLanguage?.(next);
    settings = next;
    prefs = overlayPrefs(next, adapter.id);
  }

  async function refreshTargets(): Promise<boolean> {
    try {
      const next = await deps.loadTargets();
      const signature = JSON.stringify(next);
      if (signature === targetsSignature) return false;
      targets = next;
      targetsSignature = signature;
      return true;
    } catch (error) {
      // Without targets the chips still show the values; the statuses come once the worker answers.
      deps.warn?.(`KPI Lens could not load the targets: ${String(error)}`);
      return false;
    }
  }

  let targetsRefreshedAt = -Infinity;
  let targetsTimer: ReturnType<typeof setTimeout> | undefined;
  function refreshTargetsSoon(): void {
    if (targetsTimer !== undefined) return;
    const run = () => {
      targetsTimer = undefined;
      if (destroyed) return;
      targetsRefreshedAt = deps.now();
      void refreshTargets().then((updated) => updated && render());
    };
    const wait = targetsRefreshedAt + TARGETS_REFRESH_MS - deps.now();
    if (wait <= 0) run();
    else targetsTimer = setTimeout(run, wait);
  }

  /** Asks the worker for the comparisons of the table just saved; a later view's answer wins. */
  function refreshComparison(): void {
    const q = reading && comparisonQueryOf(reading);
    if (!q || !deps.loadComparison) return;
    const job = ++comparisonJob;
    deps.loadComparison(q).then(
      (next) => {
        if (destroyed || job !== comparisonJob) return;
        comparison = next;
        panelRedraw.request();
      },
      (e: unknown) => deps.warn?.(`KPI Lens could not load the comparisons: ${String(e)}`),
    );
  }

  const ready = (async () => {
    await Promise.all([refreshSettings(), refreshTargets()]);
    render(true);
  })();

  const unwatch = deps.watchSettings(() => {
    void refreshSettings().then(
      () => render(true),
      (e: unknown) => deps.warn?.(String(e)),
    );
  });

  const events: ReadingEvents = {
    onReading(next, changed) {
      if (destroyed || !changed) return;
      reading = next;
      // The reading itself took the reader's task: the overlay is drawn in a task of its own.
      if (!renderQueued) {
        renderQueued = true;
        postTask(() => {
          renderQueued = false;
          render();
        });
      }
      // Targets are edited in the options page at any time: fetch them again with new readings, at most
      // every 2 s (a scrolled virtualised table gives a new union several times a second).
      refreshTargetsSoon();
    },
    onSaved(result) {
      const next = JSON.stringify(result.risks ?? []);
      if (next !== risksSignature) {
        risks = result.risks ?? [];
        risksSignature = next;
        rowRisks = rowRisksOf(risks, deps.locale(), deps.t);
        chipsRedraw.request();
      }
      if (result.notStoredReason === null) refreshComparison();
      save = {
        lastSavedAt: result.notStoredReason === null ? deps.now() : save.lastSavedAt,
        notStoredReason: result.notStoredReason,
        error: null,
      };
      panelRedraw.request();
    },
    onError(message) {
      save = { ...save, error: message };
      panelRedraw.request();
    },
  };

  return {
    events,
    ready,
    reset() {
      reading = null;
      save = NO_SAVE;
      risks = [];
      risksSignature = '[]';
      rowRisks = new Map();
      comparison = null;
      comparisonJob++;
      chips = new Map();
      layer.clear();
      // The old view's pending redraws would draw nothing else: the panel waits for the new view now.
      chipsRedraw.cancel();
      panelRedraw.cancel();
      renderPanel();
    },
    destroy() {
      destroyed = true;
      clearTimeout(targetsTimer);
      chipsRedraw.cancel();
      panelRedraw.cancel();
      unwatch();
      layer.destroy();
      deps.panel.remove();
      panelShown = false;
    },
    targetContext(entityKey, kpi) {
      return reading ? chipTargetContext(reading, entityKey, kpi, targets) : null;
    },
    tableTargetContext(kpi) {
      // The line as the panel shows it now (its value judged by the same goal logic as its status).
      const line = lastPanel?.model.totals.find((l) => l.edit?.kpi === kpi);
      return reading && line?.edit ? tableTargetContext(reading, line.edit, targets) : null;
    },
    async targetsChanged() {
      targetsRefreshedAt = deps.now();
      if (await refreshTargets()) render();
    },
    layer,
    get chips() {
      return chips;
    },
  };
}
