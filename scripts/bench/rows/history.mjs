// Rows 5 and 6 on one generated history database: one entity's series through the store, and the CSV export,
// each against the raw IndexedDB read of the same rows.
import { summarise, median } from '../stats.mjs';
import { openLab, repeat } from './lab-page.mjs';

export async function benchHistory({ ext, pages, sizes, runs, seed, log, want }) {
  const page = await openLab(ext, pages);
  const out = [];
  try {
    const days = sizes.seriesDays;
    const campaigns = Math.ceil(sizes.csvRows / days);
    const seeded = await page.evaluate((o) => window.kpiBench.seedHistory(o), {
      campaigns,
      days,
      rows: sizes.csvRows,
      seed,
    });
    log(`  history: ${seeded.rows.toLocaleString('en-US')} rows written in ${Math.round(seeded.ms)} ms`);

    if (want(5)) {
      const reps = sizes.seriesRepeat;
      const pairs = await repeat(runs, sizes.warmup, async (i) => {
        const kpi = () => page.evaluate((r) => window.kpiBench.seriesWithKpiLens(r), reps);
        const raw = () => page.evaluate((r) => window.kpiBench.seriesRaw(r), reps);
        const [a, b] = i % 2 === 0 ? [await kpi(), await raw()] : [null, await raw()];
        const k = a ?? (await kpi());
        if (k.points !== days || b.points !== days)
          throw new Error(`The series has ${k.points} points (raw: ${b.points}), expected ${days}.`);
        return { value: k.ms, baseline: b.ms };
      });
      const s = summarise(pairs);
      out.push({
        id: 5,
        what: `one entity's ${days}-point series (entitySeries)`,
        baselineName: 'raw range read of the same compound index',
        unit: 'ms',
        ...s,
        goal: { maxRatio: 1.5 },
        met: s.ratio <= 1.5,
        details: { historyRows: seeded.rows, queriesPerRun: reps, runs: pairs },
      });
    }

    if (want(6)) {
      const pairs = await repeat(runs, 0, async (i) => {
        const kpi = () => page.evaluate(() => window.kpiBench.csvWithKpiLens());
        const raw = () => page.evaluate(() => window.kpiBench.csvRaw());
        const [a, b] = i % 2 === 0 ? [await kpi(), await raw()] : [null, await raw()];
        const k = a ?? (await kpi());
        if (k.rows !== seeded.rows || b.rows !== seeded.rows)
          throw new Error(`The CSV has ${k.rows} rows (raw read: ${b.rows}), expected ${seeded.rows}.`);
        return {
          value: k.ms,
          baseline: b.ms,
          heapGrowth: k.heapGrowth,
          baselineHeapGrowth: b.heapGrowth,
          bytes: k.bytes,
        };
      });
      const s = summarise(pairs);
      out.push({
        id: 6,
        what: `CSV export of ${seeded.rows.toLocaleString('en-US')} rows (chunked)`,
        baselineName: 'reading the same rows from IndexedDB (same chunks)',
        unit: 'ms',
        ...s,
        goal: { maxRatio: 2 },
        met: s.ratio <= 2,
        details: {
          heapGrowth: median(pairs.map((p) => p.heapGrowth)),
          baselineHeapGrowth: median(pairs.map((p) => p.baselineHeapGrowth)),
          csvBytes: pairs[0]?.bytes,
          preciseMemory: await page.evaluate(() => window.kpiBench.hasPreciseMemory()),
          runs: pairs,
        },
      });
    }
    return out;
  } finally {
    await page.close();
  }
}
