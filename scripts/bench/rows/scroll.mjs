// Row 2: main-thread time of a scripted scroll through a virtualised Meta-like table (rows recycled as Meta
// does), with the extension against the same scroll in a browser without it. CDP Performance.getMetrics
// TaskDuration is read before and after the scroll; long tasks are counted by the page's own observer.
import { pageHtml } from '../build.mjs';
import { median, summarise } from '../stats.mjs';
import { newestRowCount } from '../../lib/stored-rows.mjs';

export const META_URL =
  'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=583920174615290&business_id=2401937718264051&columns=name%2Cdelivery%2Cresults%2Cspend&attribution_windows=default&date=2026-11-01_2026-11-22%2Cthis_month';

export async function scrollOnce(bench, pages, sizes, seed) {
  bench.serve(META_URL, pageHtml('Campaigns - Ads Manager - Manage ads - Meta', pages.scroll));
  const page = await bench.context.newPage();
  try {
    await page.goto(`${META_URL}#rows=${sizes.scrollRows}&seed=${seed}`);
    await page.waitForFunction(() => window.benchReady === true);
    // The extension reads the page once it loads; the measured window starts after that first read.
    await page.waitForTimeout(sizes.scrollSettleBeforeMs);
    const cdp = await bench.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const before = await metrics();
    const scroll = await page.evaluate((o) => window.benchScroll(o), {
      pxPerFrame: sizes.scrollPxPerFrame,
      settleMs: sizes.scrollSettleMs,
    });
    const after = await metrics();
    const delta = (name) => ((after[name] ?? NaN) - (before[name] ?? NaN)) * 1000;
    await cdp.detach();
    return {
      taskMs: delta('TaskDuration'),
      scriptMs: delta('ScriptDuration'),
      layoutMs: delta('LayoutDuration'),
      styleMs: delta('RecalcStyleDuration'),
      ...scroll,
    };
  } finally {
    await page.close();
  }
}

/** Collects a Chromium trace of `run()` (timeline and top-level task events). */
async function trace(bench, page, run) {
  const cdp = await bench.context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'toplevel,devtools.timeline',
    transferMode: 'ReportEvents',
  });
  const result = await run();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return { result, events };
}

/**
 * Which long tasks the extension took part in: on the page's main thread, every task of 50 ms or more in
 * which the extension's own scripts (chrome-extension:// URLs) ran, and the extension's time in it.
 */
export function extensionLongTasks(events, extensionId) {
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !mainThreads.has(key)) continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  // The page's main thread is the one that ran the most script.
  const calls = (list) => list.filter((e) => e.name === 'FunctionCall').length;
  const thread = [...byThread.values()].sort((a, b) => calls(b) - calls(a))[0] ?? [];
  const isTask = (e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask';
  const tasks = thread.filter(isTask).sort((a, b) => a.ts - b.ts);
  const prefix = `chrome-extension://${extensionId}/`;
  const extCalls = thread
    .filter((e) => e.name === 'FunctionCall' && String(e.args?.data?.url ?? '').startsWith(prefix))
    .sort((a, b) => a.ts - b.ts);
  const extInTask = new Map();
  let coveredUntil = -1;
  let totalExtUs = 0;
  for (const call of extCalls) {
    if (call.ts + call.dur <= coveredUntil) continue; // nested in a call already counted
    const start = Math.max(call.ts, coveredUntil);
    const end = call.ts + call.dur;
    coveredUntil = end;
    totalExtUs += end - start;
    let lo = 0;
    let hi = tasks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (tasks[mid].ts <= call.ts) lo = mid;
      else hi = mid - 1;
    }
    const task = tasks[lo];
    if (task && task.ts <= call.ts && call.ts < task.ts + task.dur)
      extInTask.set(task, (extInTask.get(task) ?? 0) + (end - start));
  }
  const long = tasks.filter((t) => t.dur >= 50_000);
  const withExt = long.filter((t) => extInTask.has(t));
  return {
    longTasks: long.length,
    longTasksWithExtension: withExt.length,
    extensionMsInLongTasks: withExt.reduce((a, t) => a + extInTask.get(t), 0) / 1000,
    longestExtensionSliceMs: Math.max(0, ...[...extInTask.values()]) / 1000,
    extensionScriptMs: totalExtUs / 1000,
  };
}

/** One traced scroll with the extension: attributes long tasks to the extension's scripts. */
async function tracedScroll(ext, pages, sizes, seed) {
  ext.serve(META_URL, pageHtml('Campaigns - Ads Manager - Manage ads - Meta', pages.scroll));
  const page = await ext.context.newPage();
  try {
    await page.goto(`${META_URL}#rows=${sizes.scrollRows}&seed=${seed}`);
    await page.waitForFunction(() => window.benchReady === true);
    await page.waitForTimeout(sizes.scrollSettleBeforeMs);
    const { events } = await trace(ext, page, () =>
      page.evaluate((o) => window.benchScroll(o), {
        pxPerFrame: sizes.scrollPxPerFrame,
        settleMs: sizes.scrollSettleMs,
      }),
    );
    return extensionLongTasks(events, ext.extensionId);
  } finally {
    await page.close();
  }
}

/** Entities of the generated account the extension has stored a reading of, counted in its worker. */
async function storedRows(ext) {
  const worker = ext.worker();
  return worker ? worker.evaluate(newestRowCount) : null;
}

export async function benchScroll({ ext, plain, pages, sizes, runs, seed, log }) {
  const pairs = [];
  let stored = null;
  for (let i = -sizes.warmup; i < runs; i++) {
    // Alternate which browser scrolls first; negative runs are unmeasured warm-ups of both.
    const order = (i + 2) % 2 === 0 ? [ext, plain] : [plain, ext];
    const results = new Map();
    for (const b of order) results.set(b, await scrollOnce(b, pages, sizes, seed));
    if (i < 0) continue;
    if (i === 0) stored = await storedRows(ext);
    const w = results.get(ext);
    const p = results.get(plain);
    log(
      `  run ${i + 1}: with ${w.taskMs.toFixed(0)} ms (${w.longTasks} long), without ${p.taskMs.toFixed(0)} ms (${p.longTasks} long), ${w.frames} frames`,
    );
    pairs.push({
      value: w.taskMs,
      baseline: p.taskMs,
      longTasks: w.longTasks,
      baselineLongTasks: p.longTasks,
      longTaskMs: w.longTaskMs,
      scriptMs: w.scriptMs,
      baselineScriptMs: p.scriptMs,
      layoutMs: w.layoutMs,
      styleMs: w.styleMs,
      frames: w.frames,
      wallMs: w.ms,
    });
  }
  const s = summarise(pairs);
  // Long-task counts of whole pages move with the machine's load; the trace says which ones ran our code.
  const traced = await tracedScroll(ext, pages, sizes, seed);
  log(
    `  traced: ${traced.longTasksWithExtension} of ${traced.longTasks} long tasks ran extension code; extension script ${traced.extensionScriptMs.toFixed(0)} ms, longest slice ${traced.longestExtensionSliceMs.toFixed(1)} ms`,
  );
  return {
    id: 2,
    what: `main-thread time, scrolling a virtualised ${sizes.scrollRows.toLocaleString('en-US')}-row table`,
    baselineName: 'the same scroll in a browser without the extension',
    unit: 'ms',
    ...s,
    goal: { maxRatio: 1.1, extensionLongTasks: 0 },
    met: s.ratio <= 1.1 && traced.longTasksWithExtension === 0,
    details: {
      longTasksWith: median(pairs.map((p) => p.longTasks)),
      longTasksWithout: median(pairs.map((p) => p.baselineLongTasks)),
      traced,
      scriptMsWith: median(pairs.map((p) => p.scriptMs)),
      scriptMsWithout: median(pairs.map((p) => p.baselineScriptMs)),
      framesPerScroll: pairs[0]?.frames,
      rowsStoredByExtensionAfterOneScroll: stored,
      runs: pairs,
    },
  };
}
