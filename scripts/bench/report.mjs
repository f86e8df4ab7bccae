// The one printed table (and its Markdown twin for the README) from the rows' results.
import { fmtKb, fmtMb, fmtMs, fmtRatio, markdownTable, textTable } from './stats.mjs';

const pct = (fraction) =>
  Number.isFinite(fraction) ? `${(fraction * 100).toFixed(fraction < 1 && fraction > 0.995 ? 1 : 0)} %` : '—';

export const HEADER = ['#', 'what', 'KPI Lens', 'baseline', 'ratio', 'goal', 'met', 'notes'];

function goalText(row) {
  const g = row.goal ?? {};
  if (row.id === 7) return 'content ≤ 84 KB, background ≤ 72 KB';
  if (row.id === 8) return '100 %, 0 wrong ids';
  if (g.maxMs !== undefined) return `≤ ${g.maxMs} ms`;
  const parts = [`≤ ${g.maxRatio.toFixed(2)}×`];
  if (g.extensionLongTasks !== undefined) parts.push('0 long tasks from the extension');
  return parts.join(', ');
}

function notes(row) {
  const d = row.details ?? {};
  switch (row.id) {
    case 1:
      return `${d.cellSurfaces?.toLocaleString('en-US')} cells, ${d.elements?.toLocaleString('en-US')} elements`;
    case 2:
      return `long tasks ≥ 50 ms with extension code: ${d.traced.longTasksWithExtension} (trace; page observer: ${d.longTasksWith} with, ${d.longTasksWithout} without); extension script ${fmtMs(d.traced.extensionScriptMs)}, longest slice ${fmtMs(d.traced.longestExtensionSliceMs)}`;
    case 4:
      return `page busy until ${fmtMs(d.busyUntilMs)}; importing the backup through the options page took ${fmtMs(d.importMs)}`;
    case 5:
      return `${d.historyRows?.toLocaleString('en-US')} rows in the database`;
    case 6:
      return `peak JS heap growth ${fmtMb(d.heapGrowth)} (raw read: ${fmtMb(d.baselineHeapGrowth)}); ${fmtMb(d.csvBytes)} CSV`;
    case 7:
      return d.parts.map((p) => `${p.name} ${fmtKb(p.gzip)}`).join(', ');
    case 8:
      return `wrong ids: ${d.wrong} (fling included); main thread with/without the extension ${fmtRatio(d.mainThreadRatio)} (${fmtMs(d.taskMsWith)} vs ${fmtMs(d.taskMsWithout)}); fling (20 rows / 16 ms): stored ${d.fling.storedSeen} of the ${d.fling.seen} rows that passed, ${d.fling.dueStored} of ${d.fling.due} on screen ≥ 300 ms`;
    default:
      return '';
  }
}

export function cells(row) {
  if (row.error) return [row.id, row.what, '—', '—', '—', '', 'error', row.error];
  if (row.id === 7) {
    const budgeted = row.details.parts.filter((p) => p.budget !== null);
    return [
      7,
      row.what,
      budgeted.map((p) => fmtKb(p.gzip)).join(' / '),
      budgeted.map((p) => fmtKb(p.budget)).join(' / '),
      fmtRatio(row.ratio),
      goalText(row),
      row.met ? 'yes' : 'NO',
      notes(row),
    ];
  }
  if (row.id === 8)
    return [
      8,
      row.what,
      `${row.value} of ${row.baseline} rows`,
      `${row.baseline} rows on screen ≥ 300 ms`,
      pct(row.ratio),
      goalText(row),
      row.met ? 'yes' : 'NO',
      notes(row),
    ];
  return [
    row.id,
    row.what,
    fmtMs(row.value),
    fmtMs(row.baseline),
    fmtRatio(row.ratio),
    goalText(row),
    row.met ? 'yes' : 'NO',
    notes(row),
  ];
}

export function printable(rows) {
  return textTable(HEADER, rows.map(cells));
}

export function markdown(rows) {
  return markdownTable(HEADER, rows.map(cells));
}

// `node scripts/bench/report.mjs [bench/results.json]` prints the Markdown table of a results file (README).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync } = await import('node:fs');
  const report = JSON.parse(readFileSync(process.argv[2] ?? 'bench/results.json', 'utf8'));
  console.log(markdown(report.rows));
}
