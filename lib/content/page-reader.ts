import { browser } from 'wxt/browser';
import { sendRequest, type RequestOf, type SubmitResult } from '../messages';
import type { TableReading } from '../model';
import type { PlatformAdapter } from '../platforms/types';
import { postTask } from './tasks';
import { quietScheduler, readIntervalMs, watchForChanges } from './table-watcher';
import { loadSettings, SETTINGS_KEY, type Settings } from '../store/settings';
import { createRowAccumulator } from '../read/row-accumulator';
import { OVERLAY_ATTR } from '../overlay/chip-dom';

export interface ReadingEvents {
  /** Every reading of the view (the union of rows seen so far); `changed` = it differs from the last one. */
  onReading?(reading: TableReading, changed: boolean): void;
  onSaved?(result: SubmitResult): void;
  onError?(message: string): void;
}

const RETRY_DELAYS_MS = [200, 500, 1000, 2000, 4000, 8000];

/**
 * Reads the current page whenever its table changes (paced by what a read costs, see table-watcher.ts),
 * and sends each changed union of the rows seen to the background until it is acknowledged. Everything is tied to `signal`: an in-app navigation aborts this run and a new
 * one starts, so readings of an old view are never sent after the view changed.
 */
export async function readPageContinuously(
  signal: AbortSignal,
  events: ReadingEvents = {},
  /** The view to read: on an in-app navigation, where it goes (announced before the address changes). */
  target: string | URL,
  /** What reads it: the ad manager's adapter, or a mapped table's (lib/mapping/read.ts `mappedAdapter`). */
  adapter: PlatformAdapter,
): Promise<void> {
  const url = new URL(target);
  let settings = await loadSettings();
  let lastSeen = '';
  let lastSent = '';
  let latest: TableReading | null = null;
  let lastReadMs = 0;
  // Virtualised tables show a window of rows at a time: send the union of what this view has shown.
  const accumulator = createRowAccumulator();

  // Reading and sending are paced apart: the page is read often enough to see every row that passes
  // through a virtualised window, while the union goes to the worker (a copy of thousands of rows) only
  // once the table is quiet, at least every 5 s while it keeps changing (what a crashed tab could lose),
  // and when the page is hidden or left.
  const send = quietScheduler(
    () => {
      if (!latest || lastSeen === lastSent) return;
      lastSent = lastSeen;
      const reading = latest;
      postTask(() => void submit(reading, signal, events));
    },
    signal,
    { maxWaitMs: 5000 },
  );

  const readNow = () => {
    const currentUrl = new URL(location.href);
    if (currentUrl.href !== url.href) return; // a navigation is in flight; the next run reads it
    const started = performance.now();
    const reading = accumulator.add(
      adapter.read(document, currentUrl, {
        accountCurrency: (id) => (id ? (settings.accountCurrencies[`${adapter.id}:${id}`] ?? null) : null),
      }),
      currentUrl,
    );
    const signature = readingSignature(reading);
    lastReadMs = performance.now() - started;
    const changed = signature !== lastSeen;
    events.onReading?.(reading, changed);
    if (!changed) return;
    lastSeen = signature;
    latest = reading;
    send.poke();
  };

  followSettings(signal, (next) => {
    // An account currency set while the page is open (the panel's question, the options) is read at once.
    settings = next;
    readNow();
  });
  readNow();
  send.flush();
  watchForChanges(document.body ?? document.documentElement, readNow, signal, {
    intervalMs: () => readIntervalMs(lastReadMs),
    ignore: (node) => node instanceof Element && node.closest(`[${OVERLAY_ATTR}]`) !== null,
  });
  const flush = () => send.flush();
  window.addEventListener('pagehide', flush, { signal });
  document.addEventListener('visibilitychange', () => document.hidden && flush(), { signal });
}

/** Calls back with the new settings whenever they change, until `signal` aborts. */
function followSettings(signal: AbortSignal, onChange: (settings: Settings) => void): void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    loadSettings().then(
      (next) => {
        if (!signal.aborted) onChange(next);
      },
      () => undefined, // unreadable now: the readings keep the settings they had
    );
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener(
    'abort',
    () => {
      try {
        browser.storage.onChanged.removeListener(listener);
      } catch {
        // The extension is already gone (disabled or updated): nothing is listening any more.
      }
    },
    { once: true },
  );
}

/** Each row's text, kept while the row object lives: the union of a long scroll reuses most rows. */
const rowTexts = new WeakMap<object, string>();

/** Equal for equal readings (what is sent), without re-serialising rows already serialised. */
export function readingSignature(reading: TableReading): string {
  const rows = reading.rows.map((row) => {
    let text = rowTexts.get(row);
    if (text === undefined) rowTexts.set(row, (text = JSON.stringify(row)));
    return text;
  });
  return JSON.stringify({ ...reading, rows: null }) + rows.join('\n');
}

async function submit(reading: TableReading, signal: AbortSignal, events: ReadingEvents): Promise<void> {
  const message: RequestOf<'snapshot:submit'> = {
    type: 'snapshot:submit',
    readingId: crypto.randomUUID(),
    reading,
  };
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      // The worker may be stopped at any moment (MV3): resend until it answers.
      const response = await sendRequest(message);
      if (!response.ok) {
        events.onError?.(response.error);
        return;
      }
      events.onSaved?.(response);
      return;
    } catch (error) {
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
      if (attempt === 3)
        events.onError?.(`KPI Lens could not reach its background worker (${String(error)}); retrying.`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
