// Row 2: main-thread time of a scripted scroll through a virtualised Meta-like table (rows recycled as Meta
// does), with the extension against the same scroll in a browser without it. CDP Performance.getMetrics
// TaskDuration is read before and after the scroll; long tasks are counted by the page's own observer.
import { pageHtml } from '../build.mjs';
import { median, summarise } from '../stats.mjs';

const META_URL =
  'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=583920174615290&business_id=2401937718264051&columns=name%2Cdelivery%2Cresults%2Cspend&attribution_windows=default&date=2026-11-01_2026-11-22%2Cthis_month';

async function scrollOnce(bench, pages, sizes, seed) {
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

/** Rows of the generated account the extension has stored (its `latest` table), read in its worker. */
async function storedRows(ext) {
  const worker = ext.worker();
  if (!worker) return null;
  return worker.evaluate(
    () =>
      new Promise((resolve) => {
        void indexedDB.databases().then((dbs) => {
          if (!dbs.some((d) => d.name === 'kpi-lens')) return resolve(0);
          const open = indexedDB.open('kpi-lens');
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('latest')) return (db.close(), resolve(0));
            const req = db.transaction('latest').objectStore('latest').count();
            req.onsuccess = () => (db.close(), resolve(req.result));
            req.onerror = () => (db.close(), resolve(null));
          };
          open.onerror = () => resolve(null);
        });
      }),
  );
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
  const extraLongTasks = Math.max(...pairs.map((p) => p.longTasks - p.baselineLongTasks));
  return {
    id: 2,
    what: `main-thread time, scrolling a virtualised ${sizes.scrollRows.toLocaleString('en-US')}-row table`,
    baselineName: 'the same scroll in a browser without the extension',
    unit: 'ms',
    ...s,
    goal: { maxRatio: 1.1, extraLongTasks: 0 },
    met: s.ratio <= 1.1 && extraLongTasks <= 0,
    details: {
      longTasksWith: median(pairs.map((p) => p.longTasks)),
      longTasksWithout: median(pairs.map((p) => p.baselineLongTasks)),
      maxExtraLongTasks: extraLongTasks,
      scriptMsWith: median(pairs.map((p) => p.scriptMs)),
      scriptMsWithout: median(pairs.map((p) => p.baselineScriptMs)),
      framesPerScroll: pairs[0]?.frames,
      rowsStoredByExtensionAfterOneScroll: stored,
      runs: pairs,
    },
  };
}
