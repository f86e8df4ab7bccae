// The lab page: KPI Lens's lib/ code bundled into a page at a routed https URL that no content script matches.
import { pageHtml } from '../build.mjs';

export const LAB_URL = 'https://kpi-lens-bench.example/lab';

/** Opens a fresh lab page in `bench` and returns it once `window.kpiBench` is there. */
export async function openLab(bench, pages) {
  bench.serve(LAB_URL, pageHtml('KPI Lens bench', pages.lab));
  const page = await bench.context.newPage();
  await page.goto(LAB_URL);
  await page.waitForFunction(() => typeof window.kpiBench === 'object');
  return page;
}

/** Runs `measure(i)` `runs` times after `warmup` unmeasured calls; returns the measured results. */
export async function repeat(runs, warmup, measure) {
  for (let i = 0; i < warmup; i++) await measure(-1 - i);
  const out = [];
  for (let i = 0; i < runs; i++) out.push(await measure(i));
  return out;
}
