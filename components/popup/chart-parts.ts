import type uPlot from 'uplot';

/** What the popup's two charts share: the theme's colours, the value axis and its range. */

export function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** The chart colours of the current theme. */
export function chartColors() {
  return {
    fg: cssVar('--muted', '#57606a'),
    line: cssVar('--accent', '#0b5cad'),
    grid: cssVar('--line', '#d0d7de'),
  };
}

/** The value axis: labels in the KPI's unit, wide enough for the longest ("20,00 US$", "1.831.000 ₫"). */
export function valueAxis(
  colors: { fg: string; grid: string },
  formatValue: (value: number | null) => string,
): uPlot.Axis {
  return {
    stroke: colors.fg,
    size: (_u, values) => 14 + 7 * Math.max(4, ...(values ?? []).map((v) => v.length)),
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid },
    values: (_u, splits) => splits.map((v) => formatValue(v)),
  };
}

/** The value scale: from 0 (or below) to the highest value, with a little room above and below. */
export function valueRange(values: readonly number[]): () => [number, number] {
  const low = Math.min(...values, 0);
  const high = Math.max(...values, 0) || 1;
  return () => [low - (high - low) * 0.05, high + (high - low) * 0.1];
}
