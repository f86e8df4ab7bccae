// `npm run bench`: measures KPI Lens against the physical floor in headless Chromium with the built extension,
// on generated data with fixed seeds. Every figure is a ratio against a baseline measured in the same run
// (median of the runs), printed as one table and written to bench/results.json.
//
//   npm run bench                       full sizes, 5 runs
//   npm run bench -- --tiny             small sizes, 1 run (the smoke test runs this)
//   npm run bench -- --runs 9           more runs
//   npm run bench -- --only 1,3         some rows only
//   npm run bench -- --extension-dir .output/chrome-mv3   measure an existing build instead of building
//   npm run bench -- --out FILE         write the results elsewhere
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, release } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { findChromium } from './lib/chromium.mjs';
import { buildExtension, bundlePages } from './bench/build.mjs';
import { launchBenchBrowser } from './bench/browser.mjs';
import { printable } from './bench/report.mjs';
import { benchRead } from './bench/rows/read.mjs';
import { benchScroll } from './bench/rows/scroll.mjs';
import { benchStore } from './bench/rows/store.mjs';
import { benchPopup } from './bench/rows/popup.mjs';
import { benchHistory } from './bench/rows/history.mjs';
import { benchBundle } from './bench/rows/bundle.mjs';
import { benchCoverage } from './bench/rows/coverage.mjs';

const SIZES = {
  full: {
    readRows: 2000,
    scrollRows: 2000,
    scrollPxPerFrame: 184,
    scrollSettleBeforeMs: 1500,
    scrollSettleMs: 1500,
    coverageRows: 240,
    storeRows: 2000,
    popupCampaigns: 500,
    popupDays: 365,
    seriesDays: 365,
    seriesRepeat: 20,
    csvRows: 200_000,
    importTimeoutMs: 30 * 60_000,
    popupTimeoutMs: 180_000,
    warmup: 1,
  },
  tiny: {
    readRows: 200,
    scrollRows: 200,
    scrollPxPerFrame: 184,
    scrollSettleBeforeMs: 700,
    scrollSettleMs: 700,
    coverageRows: 40,
    storeRows: 200,
    popupCampaigns: 10,
    popupDays: 30,
    seriesDays: 30,
    seriesRepeat: 3,
    csvRows: 3000,
    importTimeoutMs: 60_000,
    popupTimeoutMs: 30_000,
    warmup: 0,
  },
};
const SEED = 20261122;

export function parseArgs(argv) {
  const value = (name) => {
    const i = argv.indexOf(name);
    if (i !== -1) return argv[i + 1];
    return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const tiny = argv.includes('--tiny');
  const runs = Number(value('--runs') ?? (tiny ? 1 : 5));
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a whole number ≥ 1.');
  const only = value('--only')
    ?.split(',')
    .map(Number)
    .filter((n) => n >= 1 && n <= 8);
  return {
    tiny,
    runs,
    only: only?.length ? new Set(only) : null,
    extensionDir: value('--extension-dir') ? resolve(value('--extension-dir')) : null,
    out: resolve(value('--out') ?? 'bench/results.json'),
  };
}

const log = (...args) => console.error(...args);

/** The commit measured (and whether the tree had changes), so a figure can be traced to its code. */
function sourceVersion() {
  try {
    const git = (...a) =>
      execFileSync('git', a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), dirty: git('status', '--porcelain').length > 0 };
  } catch {
    return null;
  }
}

async function chromiumVersion(bench) {
  const page = await bench.context.newPage();
  try {
    const cdp = await bench.context.newCDPSession(page);
    const { product } = await cdp.send('Browser.getVersion');
    return product.replace(/^(Headless)?Chrome\//, '');
  } finally {
    await page.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizes = SIZES[args.tiny ? 'tiny' : 'full'];
  const want = (id) => !args.only || args.only.has(id);
  findChromium(); // fails early, with a clear message
  const started = Date.now();

  const build = args.extensionDir
    ? { dir: args.extensionDir, cleanup: () => undefined }
    : await buildExtension(log);
  const pages = await bundlePages();
  const ext = await launchBenchBrowser({ extensionDir: build.dir });
  const results = [];
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? null,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    chromium: await chromiumVersion(ext),
  };
  const ctx = { ext, pages, sizes, runs: args.runs, seed: SEED, log, want, extensionDir: build.dir };

  const step = async (ids, name, fn) => {
    if (!ids.some(want)) return;
    log(`Row ${ids.join(', ')}: ${name}…`);
    const t0 = Date.now();
    try {
      const out = await fn();
      results.push(...(Array.isArray(out) ? out : [out]));
    } catch (error) {
      log(error);
      for (const id of ids.filter(want))
        results.push({
          id,
          what: name,
          error: error instanceof Error ? error.message.split('\n')[0] : String(error),
        });
    }
    log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };

  try {
    await step([7], 'bundle sizes', () => benchBundle(ctx));
    await step([1], 'full table read', () => benchRead(ctx));
    await step([3], 'storing one reading', () => benchStore(ctx));
    await step([5, 6], 'series query and CSV export', () => benchHistory(ctx));
    const withPlain = async (fn) => {
      const plain = await launchBenchBrowser({ extensionDir: null });
      try {
        return await fn(plain);
      } finally {
        await plain.close();
      }
    };
    await step([2], 'scrolling with and without the extension', () =>
      withPlain((plain) => benchScroll({ ...ctx, plain })),
    );
    await step([8], 'coverage while scrolling at reading pace, and a fling', () =>
      withPlain((plain) => benchCoverage({ ...ctx, plain })),
    );
    await step([4], 'popup with a year of history', () => benchPopup(ctx));
  } finally {
    await ext.close();
    build.cleanup();
  }

  results.sort((a, b) => a.id - b.id);
  const report = {
    generatedAt: new Date().toISOString(),
    mode: args.tiny ? 'tiny' : 'full',
    runs: args.runs,
    seed: SEED,
    seconds: Math.round((Date.now() - started) / 1000),
    source: sourceVersion(),
    machine,
    sizes,
    rows: results,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(report, null, 2) + '\n');

  console.log(
    `KPI Lens benchmarks (${report.mode}, median of ${args.runs} run${args.runs === 1 ? '' : 's'}; ` +
      `${machine.cores} cores, Chromium ${machine.chromium}, Node ${machine.node})\n`,
  );
  console.log(printable(results));
  console.log(`\nWritten to ${args.out} in ${report.seconds} s.`);
  if (results.some((r) => r.error)) process.exitCode = 1;
}

await main();
