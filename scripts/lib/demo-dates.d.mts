import type { ExpectedReading, FixturePage } from './fixtures.mjs';

export interface DemoRange {
  start: string;
  end: string;
}

export function currentMonthRange(now?: Date): DemoRange;
export function isMonthToDate(expected: ExpectedReading): boolean;
export function redatePage(
  page: Pick<FixturePage, 'html' | 'expected'>,
  range: DemoRange,
): { url: string; html: string; range: DemoRange } | null;
