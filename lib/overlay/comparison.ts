import type { Level, Platform, TableReading } from '@/lib/model';

/** What the panel asks the worker to compare: the table on screen (lib/messages.ts `compare:get`). */
export interface ComparisonQuery {
  platform: Platform;
  accountId: string;
  level: Level;
  dateStart: string;
  dateEnd: string;
}

/** The reading's table, or null when it cannot be compared (no account id or no known range). Pure. */
export function comparisonQueryOf(reading: TableReading): ComparisonQuery | null {
  const { platform, accountId, level, dateStart, dateEnd } = reading.context;
  if (reading.health.status === 'not-recognised' || !accountId || !dateStart || !dateEnd) return null;
  return { platform, accountId, level, dateStart, dateEnd };
}
