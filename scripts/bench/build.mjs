// Builds what the benchmarks run: the extension (into a private directory, so a build by someone else in
// `.output/` cannot change it mid-run) and the page scripts (lib/ code bundled with esbuild).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build as esbuild } from 'esbuild';

const PAGE_DIR = resolve('scripts/bench/page');

/** Builds the Chrome MV3 extension with WXT into a temporary directory; returns that build's directory. */
export async function buildExtension(log = console.error) {
  const outDir = mkdtempSync(join(tmpdir(), 'kpi-lens-bench-build-'));
  log('Building the extension…');
  const { build } = await import('wxt');
  // WXT and Rollup print a build report and warnings; they are kept back and shown only if the build fails,
  // so stdout carries just the table.
  const captured = [];
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = process.stderr.write = (chunk) => (captured.push(String(chunk)), true);
  try {
    await build({ outDir, logger: quietLogger(), vite: () => ({ logLevel: 'error' }) });
  } catch (error) {
    process.stdout.write = out;
    process.stderr.write = err;
    log(captured.join(''));
    throw error;
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  const dir = join(outDir, 'chrome-mv3');
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`The extension build left no manifest in ${dir}.`);
  return { dir, cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

function quietLogger() {
  const noop = () => undefined;
  return {
    debug: noop,
    log: noop,
    info: noop,
    warn: noop,
    error: (...args) => console.error(...args),
    fatal: (...args) => console.error(...args),
    success: noop,
    level: 0,
  };
}

/** Bundles one page script (TypeScript, `@/` imports) into a self-contained IIFE for an inline <script>. */
async function bundle(entry, minify) {
  const result = await esbuild({
    entryPoints: [join(PAGE_DIR, entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify,
    write: false,
    tsconfig: resolve('tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.env.MODE': '"production"' },
    logLevel: 'error',
  });
  // `</script>` inside a string literal would end the inline script early.
  return result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
}

/** The page scripts (unminified for readable profiles): `lab` (lib/ code: adapter, store, CSV) and `scroll` (the virtualised table). */
export async function bundlePages({ minify = true } = {}) {
  const [lab, scroll] = await Promise.all([bundle('lab.ts', minify), bundle('scroll-page.ts', minify)]);
  return { lab, scroll };
}

/** A minimal HTML page with `script` inline. */
export function pageHtml(title, script, lang = 'en') {
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body><script>${script}</script></body></html>`;
}
