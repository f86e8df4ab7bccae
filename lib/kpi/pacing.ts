/**
 * Budget pacing and month-end forecast. Days are the account's calendar days in its IANA time zone
 * (ad platforms bill by the account's day), worked out with Intl only: a DST day of 23 or 25 hours
 * is still one day.
 */

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock date and time at `ms` in `timeZone`. Throws RangeError for an unknown zone. */
export function localDateTime(ms: number, timeZone: string): LocalDateTime {
  const parts: Partial<Record<string, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

export function localDate(ms: number, timeZone: string): LocalDate {
  const { year, month, day } = localDateTime(ms, timeZone);
  return { year, month, day };
}

/** UTC offset of `timeZone` at `ms`, in ms (east positive). */
function offsetAt(ms: number, timeZone: string): number {
  const t = localDateTime(ms, timeZone);
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

function sameDate(a: LocalDate, b: LocalDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** Calendar arithmetic on dates (no time zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function toIsoDate(date: LocalDate): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/**
 * The first instant of a local calendar day. Where midnight does not exist (a DST gap at 00:00, e.g.
 * America/Santiago) the day starts at the gap's end; where midnight happens twice, at the later one,
 * so that the repeated hour belongs to the day before.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  // The offset in force at the day's start is one of the offsets in force around it.
  const offsets = new Set([
    offsetAt(wall - DAY_MS, timeZone),
    offsetAt(wall, timeZone),
    offsetAt(wall + DAY_MS, timeZone),
  ]);
  const candidates = [...offsets].map((offset) => wall - offset).sort((a, b) => a - b);
  const onDate = candidates.filter((t) => sameDate(localDate(t, timeZone), date));
  const midnights = onDate.filter((t) => {
    const l = localDateTime(t, timeZone);
    return l.hour === 0 && l.minute === 0 && l.second === 0;
  });
  const chosen = midnights.length > 0 ? midnights[midnights.length - 1] : onDate[0];
  // Unreachable for real zones (a day always has a first instant); fall back to the plain offset.
  return chosen ?? wall - offsetAt(wall, timeZone);
}

export interface DayPosition {
  date: LocalDate;
  dayStart: number;
  dayEnd: number;
  /** Share of today already past, 0–1, over the day's real length (23–25 h on DST days). */
  fractionOfDay: number;
}

export function dayPosition(now: number, timeZone: string): DayPosition {
  const date = localDate(now, timeZone);
  const dayStart = startOfLocalDay(date, timeZone);
  const dayEnd = startOfLocalDay(addDays(date, 1), timeZone);
  const fraction = (now - dayStart) / (dayEnd - dayStart);
  return { date, dayStart, dayEnd, fractionOfDay: Math.min(1, Math.max(0, fraction)) };
}

/** Month-end forecast: spend through yesterday ÷ days elapsed × days in month; null on day 1. */
export function monthEndForecast(
  spendThroughYesterday: number | null | undefined,
  daysElapsed: number,
  daysInPeriod: number,
): number | null {
  if (spendThroughYesterday === null || spendThroughYesterday === undefined || daysElapsed <= 0) return null;
  return (spendThroughYesterday / daysElapsed) * daysInPeriod;
}

/** (budget − spend to date) ÷ days remaining; 0 once the budget is spent; null with no day left. */
export function requiredDailySpend(
  budget: number,
  spendToDate: number | null | undefined,
  daysRemaining: number,
): number | null {
  if (spendToDate === null || spendToDate === undefined || daysRemaining <= 0) return null;
  return Math.max(0, budget - spendToDate) / daysRemaining;
}

export type BudgetPeriod = 'day' | 'month';

export interface PacingInput {
  budget: number;
  period: BudgetPeriod;
  /** Spend in the current period up to `now` (today for a daily budget, this month for a monthly one). */
  spendToDate: number | null | undefined;
  /** Month-to-date spend up to the end of yesterday, for the month-end forecast. */
  spendThroughYesterday?: number | null;
  now: number;
  timeZone: string;
}

export interface Pacing {
  period: BudgetPeriod;
  budget: number;
  /** Local date `now` falls on, `YYYY-MM-DD`. */
  today: string;
  periodStart: number;
  periodEnd: number;
  daysInPeriod: number;
  /** Whole days of the period already over (today not included). */
  daysElapsed: number;
  /** Days left including today. */
  daysRemaining: number;
  /** Share of the period already past, counting each day equally and today by its elapsed part. */
  elapsedShare: number;
  spendToDate: number | null;
  expectedSpendToDate: number;
  /** spend to date ÷ expected spend to date (1 = on pace); null when either is unknown or 0 expected. */
  pacing: number | null;
  /** Month budgets: month-end forecast; daily budgets: null (spend within a day is not even). */
  forecast: number | null;
  /** Month budgets: (budget − spend to date) ÷ days remaining; daily budgets: what is left today. */
  requiredDailySpend: number | null;
  overspent: boolean | null;
}

/** null for an unknown time zone or an unusable budget. */
export function pacingOf(input: PacingInput): Pacing | null {
  if (!isValidTimeZone(input.timeZone) || !Number.isFinite(input.budget) || input.budget <= 0) return null;
  const position = dayPosition(input.now, input.timeZone);
  const spend = input.spendToDate ?? null;
  const overspent = spend === null ? null : spend > input.budget;

  if (input.period === 'day') {
    const expected = input.budget * position.fractionOfDay;
    return {
      period: 'day',
      budget: input.budget,
      today: toIsoDate(position.date),
      periodStart: position.dayStart,
      periodEnd: position.dayEnd,
      daysInPeriod: 1,
      daysElapsed: 0,
      daysRemaining: 1,
      elapsedShare: position.fractionOfDay,
      spendToDate: spend,
      expectedSpendToDate: expected,
      pacing: spend === null || expected <= 0 ? null : spend / expected,
      forecast: null,
      requiredDailySpend: spend === null ? null : Math.max(0, input.budget - spend),
      overspent,
    };
  }

  const { year, month, day } = position.date;
  const days = daysInMonth(year, month);
  const daysElapsed = day - 1;
  const daysRemaining = days - daysElapsed;
  const elapsedShare = (daysElapsed + position.fractionOfDay) / days;
  const expected = input.budget * elapsedShare;
  const periodStart = startOfLocalDay({ year, month, day: 1 }, input.timeZone);
  const periodEnd = startOfLocalDay(addDays({ year, month, day: days }, 1), input.timeZone);
  return {
    period: 'month',
    budget: input.budget,
    today: toIsoDate(position.date),
    periodStart,
    periodEnd,
    daysInPeriod: days,
    daysElapsed,
    daysRemaining,
    elapsedShare,
    spendToDate: spend,
    expectedSpendToDate: expected,
    pacing: spend === null || expected <= 0 ? null : spend / expected,
    forecast: monthEndForecast(input.spendThroughYesterday, daysElapsed, days),
    requiredDailySpend: requiredDailySpend(input.budget, spend, daysRemaining),
    overspent,
  };
}
