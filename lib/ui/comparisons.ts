import {
  COMPARE_KPIS,
  compareKpis,
  comparisonRanges,
  currencyOfRows,
  rangeDays,
  WEEKDAY_ALIGN_MAX_DAYS,
  type ComparisonKind,
  type ComparisonLine,
} from '@/lib/kpi/compare';
import { KPI_IDS } from '@/lib/kpi/definitions';
import type { AccountCurrencies } from '@/lib/kpi/currency-policy';
import type { KpiOptions } from '@/lib/kpi/formulas';
import { withAccountCurrencies } from '@/lib/kpi/projection';
import type { DateRange } from '@/lib/kpi/trends';
import { levelSchema, platformSchema, type Level, type Platform, type Snapshot } from '@/lib/model';
import { rangeUrl } from '@/lib/ui/range-url';
import * as z from '@/lib/zod';

/**
 * The comparisons of one table (an account's level over the range on screen) with its previous period and
 * its same period last year, as data: computed where the rows are (the popup's own reads, the worker for the
 * in-page panel) and sent as such. Texts: lib/ui/comparison-text.ts.
 */

export interface PeriodComparison {
  kind: ComparisonKind;
  range: DateRange;
  /** Last year's range is the same weekdays 52 weeks back (ranges of up to a week). */
  weekdayAligned: boolean;
  /** False: that range of this table was never read; `lines` then carry only the current values. */
  stored: boolean;
  lines: ComparisonLine[];
  /** Opens the ad manager at that range, where its URL carries one (lib/platforms/range-url.ts); else null. */
  link: string | null;
}

export interface TableComparison {
  platform: Platform;
  accountId: string;
  accountName: string | null;
  level: Level;
  range: DateRange;
  /** Currency of the money values (the current rows'); null when unknown or several. */
  currency: string | null;
  periods: PeriodComparison[];
}

const range = z.object({ start: z.string(), end: z.string() });
const num = z.nullable(z.number());

/** The message form (lib/messages.ts `compare:get`), checked on arrival like every reply. */
export const tableComparisonSchema = z.object({
  platform: platformSchema,
  accountId: z.nonEmptyString(64),
  accountName: z.nullable(z.string()),
  level: levelSchema,
  range,
  currency: z.nullable(z.string()),
  periods: z.array(
    z.object({
      kind: z.enum(['previous', 'lastYear']),
      range,
      weekdayAligned: z.boolean(),
      stored: z.boolean(),
      lines: z.array(
        z.object({
          kpi: z.enum(KPI_IDS),
          current: num,
          other: num,
          delta: num,
          change: num,
          good: z.nullable(z.boolean()),
        }),
      ),
      link: z.nullable(z.string()),
    }),
  ),
});

export interface ComparisonTable {
  platform: Platform;
  accountId: string;
  accountName: string | null;
  level: Level;
  dateStart: string | null;
  dateEnd: string | null;
}

/** The two comparison ranges of a table; null when its range is not known. */
export function rangesOfTable(table: ComparisonTable): Record<ComparisonKind, DateRange> | null {
  if (!table.dateStart || !table.dateEnd) return null;
  return comparisonRanges({ start: table.dateStart, end: table.dateEnd });
}

/**
 * The table's current rows against the stored rows of each comparison range (null = not stored).
 * Null when the table's range is unknown or it has no rows.
 */
export function tableComparison(
  table: ComparisonTable,
  current: readonly Snapshot[],
  others: Record<ComparisonKind, readonly Snapshot[] | null>,
  options: KpiOptions = {},
): TableComparison | null {
  const ranges = rangesOfTable(table);
  if (!ranges || current.length === 0) return null;
  const own = { start: table.dateStart!, end: table.dateEnd! };
  const aligned = (rangeDays(own) ?? Infinity) <= WEEKDAY_ALIGN_MAX_DAYS;
  const periods = (['previous', 'lastYear'] as const).map((kind): PeriodComparison => {
    const rows = others[kind];
    const r = ranges[kind];
    return {
      kind,
      range: r,
      weekdayAligned: kind === 'lastYear' && aligned,
      stored: rows !== null,
      lines: compareKpis(current, rows, COMPARE_KPIS, options),
      link: rows === null ? rangeUrl({ ...table, start: r.start, end: r.end }) : null,
    };
  });
  return {
    platform: table.platform,
    accountId: table.accountId,
    accountName: table.accountName,
    level: table.level,
    range: own,
    currency: currencyOfRows(current),
    periods,
  };
}

export type StoredOthers = Record<ComparisonKind, readonly Snapshot[] | null>;

/**
 * The popup's comparisons: each table (a current set) with the stored rows of its comparison ranges
 * (`stored[i]` for `tables[i]`; null = its range unknown), the account's currency setting applied on both
 * sides as everywhere else (lib/kpi/projection.ts).
 */
export function comparisonsOfTables(
  tables: readonly (ComparisonTable & { rows: readonly Snapshot[] })[],
  stored: readonly (StoredOthers | null)[],
  accountCurrencies: AccountCurrencies,
): TableComparison[] {
  const own = (rows: readonly Snapshot[] | null) =>
    rows ? withAccountCurrencies(rows, accountCurrencies) : null;
  return tables.flatMap((table, i) => {
    const others = stored[i];
    if (!others) return [];
    const made = tableComparison(table, withAccountCurrencies(table.rows, accountCurrencies), {
      previous: own(others.previous),
      lastYear: own(others.lastYear),
    });
    return made ? [made] : [];
  });
}
