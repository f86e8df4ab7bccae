import type { MessageKey } from '@/lib/i18n';
import { formatIsoRange, formatMoney, formatNumber, formatSignedPercent, UNKNOWN_MARK } from '@/lib/format';
import type { ComparisonLine } from '@/lib/kpi/compare';
import { formatKpiValue, kpiShortLabel, kpiUnit, LEVEL_KEYS, platformName } from './display';
import type { PeriodComparison, TableComparison } from './comparisons';

/** The comparisons as text, for the popup (React) and the in-page panel (plain DOM) alike. Pure. */

type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

/** good / bad for the KPI (lower CPA is good); same = no change; unknown = not comparable. */
export type Tone = 'good' | 'bad' | 'same' | 'unknown';

export interface ComparisonRowText {
  kpi: ComparisonLine['kpi'];
  label: string;
  current: string;
  other: string;
  /** Absolute change in the KPI's unit (percentage points for rates). */
  delta: string;
  /** Relative change, "+12.5%". */
  change: string;
  tone: Tone;
  /** The tone in words (colour is never the only sign). */
  toneText: string;
}

export interface PeriodText {
  kind: PeriodComparison['kind'];
  /** "Previous period: Nov 16 – 22, 2026". */
  title: string;
  rows: ComparisonRowText[];
  /** Not stored: exactly which range to open, and where. */
  missing: string | null;
  link: { href: string; text: string } | null;
}

export interface TableComparisonText {
  /** "Meta · Northwind · Nov 23 – 29, 2026 · Campaigns". */
  heading: string;
  periods: PeriodText[];
}

const TONE_KEYS: Record<Tone, MessageKey> = {
  good: 'common_compare_better',
  bad: 'common_compare_worse',
  same: 'common_compare_same',
  unknown: 'common_compare_not_comparable',
};

function sign(value: number): string {
  return value > 0 ? '+' : value < 0 ? '−' : '';
}

/** current − other in the KPI's unit: money with its currency, rates in percentage points, ROAS as ×. */
export function formatDelta(
  line: ComparisonLine,
  currency: string | null,
  locale: string,
  t: Translate,
): string {
  const d = line.delta;
  if (d === null) return UNKNOWN_MARK;
  const abs = Math.abs(d);
  switch (kpiUnit(line.kpi)) {
    case 'money':
      return sign(d) + formatMoney(abs, currency, locale);
    case 'ratio':
      return sign(d) + t('common_compare_points', formatNumber(abs * 100, locale, 2));
    case 'multiple':
      return sign(d) + formatKpiValue(line.kpi, abs, null, locale);
  }
}

function toneOf(line: ComparisonLine): Tone {
  if (line.delta === null) return 'unknown';
  if (line.good === null) return 'same';
  return line.good ? 'good' : 'bad';
}

function rowText(line: ComparisonLine, currency: string | null, locale: string, t: Translate) {
  const tone = toneOf(line);
  return {
    kpi: line.kpi,
    label: kpiShortLabel(line.kpi, t),
    current: formatKpiValue(line.kpi, line.current, currency, locale),
    other: formatKpiValue(line.kpi, line.other, currency, locale),
    delta: formatDelta(line, currency, locale, t),
    change: formatSignedPercent(line.change, locale),
    tone,
    toneText: t(TONE_KEYS[tone]),
  };
}

function periodText(
  table: TableComparison,
  period: PeriodComparison,
  locale: string,
  t: Translate,
): PeriodText {
  const range = formatIsoRange(period.range.start, period.range.end, locale);
  const titleKey: MessageKey =
    period.kind === 'previous'
      ? 'common_compare_previous'
      : period.weekdayAligned
        ? 'common_compare_last_year_weekdays'
        : 'common_compare_last_year';
  // A mapped table is opened on its own site (its label), not in an "Other table".
  const platform =
    table.platform === 'generic' && table.accountName ? table.accountName : platformName(table.platform, t);
  const level = t(LEVEL_KEYS[table.level]);
  return {
    kind: period.kind,
    title: t(titleKey, range),
    rows: period.stored ? period.lines.map((l) => rowText(l, table.currency, locale, t)) : [],
    missing: period.stored ? null : t('common_compare_missing', [range, platform, level]),
    link: period.link ? { href: period.link, text: t('common_compare_open', [range, platform]) } : null,
  };
}

export function tableComparisonText(
  table: TableComparison,
  locale: string,
  t: Translate,
): TableComparisonText {
  const account = table.accountName ?? table.accountId;
  return {
    heading: [
      platformName(table.platform, t),
      account,
      formatIsoRange(table.range.start, table.range.end, locale),
      t(LEVEL_KEYS[table.level]),
    ].join(' · '),
    periods: table.periods.map((p) => periodText(table, p, locale, t)),
  };
}
