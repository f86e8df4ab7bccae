import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatIsoDay, formatShortIsoDay } from '@/lib/format';
import type { DayValue, SeasonalSeries } from '@/lib/ui/seasonality';
import { chartColors, cssVar, valueAxis, valueRange } from './chart-parts';

const values = (days: readonly DayValue[], source?: DayValue['source']) =>
  days.map((d) => (source === undefined || d.source === source ? d.value : null));

export interface DailyChartLabels {
  day: string;
  read: string;
  derived: string;
  previous: string;
  lastYear: string;
}

/** The chart's data and series: this period read and derived, then each comparison period stored. */
function seriesOf(
  series: SeasonalSeries,
  labels: DailyChartLabels,
  formatValue: (value: number | null) => string,
  locale: string,
  colors: { line: string; fg: string },
): { data: (number | null)[][]; plotSeries: uPlot.Series[] } {
  const { line, fg } = colors;
  const days = series.current;
  const xs = days.map((_, i) => i);
  const data: (number | null)[][] = [xs, values(days, 'read'), values(days, 'derived')];
  const plotSeries: uPlot.Series[] = [
    {
      label: labels.day,
      value: (_u, i) => (i === null ? '' : formatIsoDay(days[Math.round(i)]?.day, locale)),
    },
    { label: labels.read, stroke: line, width: 2, spanGaps: false, value: (_u, v) => formatValue(v) },
    {
      label: labels.derived,
      stroke: line,
      width: 0,
      paths: () => null,
      points: { show: true, size: 6, fill: '#ffffff', stroke: line },
      value: (_u, v) => formatValue(v),
    },
  ];
  if (series.previous) {
    data.push(values(series.previous.days));
    plotSeries.push({
      label: labels.previous,
      stroke: fg,
      width: 1.5,
      dash: [6, 4],
      value: (_u, v) => formatValue(v),
    });
  }
  if (series.lastYear) {
    data.push(values(series.lastYear.days));
    plotSeries.push({
      label: labels.lastYear,
      stroke: cssVar('--at-risk', '#9a6700'),
      width: 1.5,
      dash: [2, 3],
      value: (_u, v) => formatValue(v),
    });
  }
  return { data, plotSeries };
}

/**
 * The range on screen day by day (read days as a line, derived days as hollow points), with its previous
 * period and its same period last year dashed beside it, day 1 against day 1. uPlot's legend shows every
 * series' value of the day under the cursor, and says which days were read and which derived.
 */
export function DailyChart({
  series,
  labels,
  summary,
  formatValue,
  locale,
  width = 372,
  height = 150,
}: {
  series: SeasonalSeries;
  labels: DailyChartLabels;
  summary: string;
  formatValue: (value: number | null) => string;
  locale: string;
  width?: number;
  height?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const days = series.current;
    const xs = days.map((_, i) => i);
    const { fg, line, grid } = chartColors();
    const { data, plotSeries } = seriesOf(series, labels, formatValue, locale, { line, fg });
    const known = data
      .slice(1)
      .flat()
      .filter((v): v is number => v !== null);
    const plot = new uPlot(
      {
        width,
        height,
        series: plotSeries,
        legend: { show: true, live: true },
        cursor: { show: true, points: { show: false } },
        scales: {
          x: { time: false, range: () => [-0.5, Math.max(0.5, xs.length - 0.5)] },
          y: { range: valueRange(known) },
        },
        axes: [
          {
            stroke: fg,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid },
            values: (_u, splits) =>
              splits.map((i) => (Number.isInteger(i) ? formatShortIsoDay(days[i]?.day, locale) : '')),
          },
          valueAxis({ fg, grid }, formatValue),
        ],
      },
      data as uPlot.AlignedData,
      element,
    );
    return () => plot.destroy();
  }, [series, labels, formatValue, locale, width, height]);

  return (
    <figure className="trend daily">
      <div ref={host} role="img" aria-label={summary} />
      <figcaption className="muted small">{summary}</figcaption>
    </figure>
  );
}
