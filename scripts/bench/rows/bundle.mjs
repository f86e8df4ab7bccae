// Row 7: gzipped sizes of what each part of the built extension loads, against the budgets.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

// Raised from 80 / 60 KB when the risk flags (engine, texts, their history query), the panel's comparisons
// and the table picker's worker side came (stop 21).
const BUDGETS = { content: 84 * 1024, background: 72 * 1024 };

/** Static imports of an ES module chunk (`import "./x.js"`, `from "./x.js"`), resolved against its file. */
function staticImports(file, code) {
  const out = [];
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g)) {
    const spec = m[1];
    if (spec.startsWith('.') || spec.startsWith('/'))
      out.push(spec.startsWith('/') ? spec : join(dirname(file), spec));
  }
  return out;
}

/** A file and everything it statically imports, relative to the extension directory. */
function closure(dir, entries) {
  const seen = new Set();
  const stack = entries.map((e) => normalize(e.replace(/^\//, '')));
  while (stack.length) {
    const rel = stack.pop();
    if (seen.has(rel) || !existsSync(join(dir, rel))) continue;
    seen.add(rel);
    if (rel.endsWith('.js')) {
      const code = readFileSync(join(dir, rel), 'utf8');
      for (const dep of staticImports(rel, code)) stack.push(normalize(dep.replace(/^\//, '')));
    }
  }
  return [...seen].sort();
}

/** Scripts, module preloads and stylesheets an HTML page loads. */
function htmlAssets(dir, html) {
  const text = readFileSync(join(dir, html), 'utf8');
  const refs = [...text.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)=["']([^"']+)["']/g)].map((m) => m[1]);
  return [
    html,
    ...refs
      .filter((r) => !/^(https?:|data:)/.test(r))
      .map((r) => (r.startsWith('/') ? r : join(dirname(html), r))),
  ];
}

function gz(dir, files) {
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f))).length, 0);
}

export function bundleSizes(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const content = (manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);
  const background = manifest.background?.service_worker ? [manifest.background.service_worker] : [];
  const popupHtml = manifest.action?.default_popup ?? 'popup.html';
  const optionsHtml = manifest.options_ui?.page ?? manifest.options_page ?? 'options.html';
  const parts = {
    content: closure(dir, content),
    background: closure(dir, background),
    popup: closure(dir, htmlAssets(dir, popupHtml)),
    options: closure(dir, htmlAssets(dir, optionsHtml)),
  };
  return Object.entries(parts).map(([name, files]) => ({
    name,
    files,
    gzip: gz(dir, files),
    raw: files.reduce((sum, f) => sum + readFileSync(join(dir, f)).length, 0),
    budget: BUDGETS[name] ?? null,
  }));
}

export function benchBundle({ extensionDir }) {
  const sizes = bundleSizes(extensionDir);
  const budgeted = sizes.filter((s) => s.budget !== null);
  const worst = Math.max(...budgeted.map((s) => s.gzip / s.budget));
  return {
    id: 7,
    what: 'bundle sizes, gzipped (content / background / popup / options)',
    baselineName: 'budgets: content ≤ 84 KB, background ≤ 72 KB',
    unit: 'bytes',
    value: sizes.reduce((a, s) => a + s.gzip, 0),
    baseline: budgeted.reduce((a, s) => a + s.budget, 0),
    ratio: worst,
    runs: 1,
    goal: { content: BUDGETS.content, background: BUDGETS.background },
    met: budgeted.every((s) => s.gzip <= s.budget),
    details: { parts: sizes },
  };
}
