// Row 1: a full read of a Meta-like table by metaAdapter.read, against a plain loop over the same cells' text.
import { summarise } from '../stats.mjs';
import { openLab, repeat } from './lab-page.mjs';

export async function benchRead({ ext, pages, sizes, runs, seed, log }) {
  const page = await openLab(ext, pages);
  try {
    const dom = await page.evaluate(([n, s]) => window.kpiBench.buildTable(n, s), [sizes.readRows, seed]);
    log(`  table: ${sizes.readRows} rows, ${dom.cells} cell surfaces, ${dom.elements} elements`);
    const pairs = await repeat(runs, sizes.warmup, async (i) => {
      // Alternate which side goes first, so neither always runs on a warmer cache.
      const first = i % 2 === 0 ? 'adapter' : 'plain';
      const one = async (side) =>
        side === 'adapter'
          ? page.evaluate(() => window.kpiBench.readWithAdapter())
          : page.evaluate(() => window.kpiBench.readPlain());
      const a = await one(first);
      const b = await one(first === 'adapter' ? 'plain' : 'adapter');
      const adapter = first === 'adapter' ? a : b;
      const plain = first === 'adapter' ? b : a;
      if (adapter.rows !== sizes.readRows)
        throw new Error(`The adapter read ${adapter.rows} of ${sizes.readRows} rows (${adapter.status}).`);
      return { value: adapter.ms, baseline: plain.ms, health: adapter.status, cells: plain.cells };
    });
    const s = summarise(pairs);
    return {
      id: 1,
      what: `full read, Meta table ${sizes.readRows.toLocaleString('en-US')} rows × 30 columns`,
      baselineName: "plain loop over the same cells' textContent",
      unit: 'ms',
      ...s,
      goal: { maxRatio: 2 },
      met: s.ratio <= 2,
      details: { elements: dom.elements, cellSurfaces: dom.cells, health: pairs[0]?.health, runs: pairs },
    };
  } finally {
    await page.close();
  }
}
