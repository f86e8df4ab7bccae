import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { timeAxisLabels } from '@/lib/ui/display';
import type { TrendPoint } from '@/lib/ui/trend';

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/**
 * The KPI over recent captures with the target as a dashed line (uPlot draws; nothing here computes).
 * The canvas is an image with a text summary for screen readers; the numbers are also in `summary`.
 */
// eslint-disable-next-line max-lines-per-function -- uPlot's options and its lifecycle effect belong together
export function TrendChart({
  points,
  targetValue,
  seriesLabel,
  targetLabel,
  summary,
  formatValue,
  locale,
  width = 372,
  height = 150,
}: {
  points: readonly TrendPoint[];
  targetValue: number | null;
  seriesLabel: string;
  targetLabel: string;
  summary: string;
  formatValue: (value: number | null) => string;
  locale: string;
  width?: number;
  height?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element || points.length === 0) return;
    const xs = points.map((p) => p.capturedAt / 1000);
    const ys = points.map((p) => p.value);
    const fg = cssVar('--muted', '#57606a');
    const line = cssVar('--accent', '#0b5cad');
    const goal = cssVar('--off-track', '#b42318');
    const grid = cssVar('--line', '#d0d7de');
    const values = ys.filter((v): v is number => v !== null);
    if (targetValue !== null) values.push(targetValue);
    const low = Math.min(...values, 0);
    const high = Math.max(...values, 0) || 1;
    const data: uPlot.AlignedData = targetValue === null ? [xs, ys] : [xs, ys, xs.map(() => targetValue)];
    const series: uPlot.Series[] = [
      {},
      { label: seriesLabel, stroke: line, width: 2, points: { show: points.length < 40 }, spanGaps: false },
    ];
    if (targetValue !== null)
      series.push({ label: targetLabel, stroke: goal, width: 1.5, dash: [6, 4], points: { show: false } });
    const plot = new uPlot(
      {
        width,
        height,
        series,
        legend: { show: false },
        cursor: { show: true, points: { show: false } },
        scales: {
          x: {
            time: true,
            ...(xs.length === 1 ? { range: (_u, min, max) => [min - 3600, max + 3600] } : {}),
          },
          y: { range: () => [low - (high - low) * 0.05, high + (high - low) * 0.1] },
        },
        axes: [
          {
            stroke: fg,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid },
            values: (_u, splits) => timeAxisLabels(splits, locale),
          },
          {
            stroke: fg,
            // Wide enough for the longest label ("20,00 US$", "1.831.000 ₫").
            size: (_u, values) => 14 + 7 * Math.max(4, ...(values ?? []).map((v) => v.length)),
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid },
            values: (_u, splits) => splits.map((v) => formatValue(v)),
          },
        ],
      },
      data,
      element,
    );
    return () => plot.destroy();
  }, [points, targetValue, seriesLabel, targetLabel, formatValue, locale, width, height]);

  return (
    <figure className="trend">
      <div ref={host} role="img" aria-label={summary} />
      <figcaption className="muted small">{summary}</figcaption>
    </figure>
  );
}
