import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { timeAxisLabels } from '@/lib/ui/display';
import { chartColors, cssVar, valueAxis, valueRange } from './chart-parts';
import type { TrendPoint } from '@/lib/ui/trend';

/**
 * The KPI over recent captures with the target as a dashed line (uPlot draws; nothing here computes).
 * The canvas is an image with a text summary for screen readers; the numbers are also in `summary`.
 */

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
    const { fg, line, grid } = chartColors();
    const goal = cssVar('--off-track', '#b42318');
    const values = ys.filter((v): v is number => v !== null);
    if (targetValue !== null) values.push(targetValue);
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
          y: { range: valueRange(values) },
        },
        axes: [
          {
            stroke: fg,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid },
            values: (_u, splits) => timeAxisLabels(splits, locale),
          },
          valueAxis({ fg, grid }, formatValue),
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
