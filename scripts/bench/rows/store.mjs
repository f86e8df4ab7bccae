// Row 3: storing one reading as the background does (zod-parse the message, then storeReading: dedupe against
// `latest`, write snapshots and `latest` in one transaction), against a raw put of the same rows.
import { summarise } from '../stats.mjs';
import { openLab, repeat } from './lab-page.mjs';

export async function benchStore({ ext, pages, sizes, runs, seed }) {
  const page = await openLab(ext, pages);
  try {
    const n = sizes.storeRows;
    const pairs = await repeat(runs, sizes.warmup, async (i) => {
      const kpi = async () =>
        page.evaluate(([rows, s]) => window.kpiBench.storeWithKpiLens(rows, s), [n, seed]);
      const raw = async () => page.evaluate(([rows, s]) => window.kpiBench.storeRaw(rows, s), [n, seed]);
      const [a, b] = i % 2 === 0 ? [await kpi(), await raw()] : [null, await raw()];
      const k = a ?? (await kpi());
      if (k.stored !== n) throw new Error(`storeReading stored ${k.stored} of ${n} rows.`);
      return { value: k.ms, baseline: b.ms };
    });
    const s = summarise(pairs);
    return {
      id: 3,
      what: `store one ${n.toLocaleString('en-US')}-row reading (parse + dedupe + write)`,
      baselineName: 'raw IndexedDB put of the same rows, one transaction',
      unit: 'ms',
      ...s,
      goal: { maxRatio: 2 },
      met: s.ratio <= 2,
      details: { runs: pairs },
    };
  } finally {
    await page.close();
  }
}
