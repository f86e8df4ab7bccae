/**
 * Date-range parsing for date pickers shown in the UI language (Google "Jan 1, 2020 – Apr 20, 2021",
 * Meta "Last 7 days: May 1, 2025 – May 7, 2025", "2025年7月28日 – 2025年8月26日", vi "1 Tháng 5, 2025 – …").
 * Returns inclusive ISO dates, or null when the text is not a range this parser is sure of.
 * TODO(read helper): implement with localized month names (en, vi, uk, ru, de, fr, es, pt, zh).
 */
export interface DateRange {
  start: string;
  end: string;
}

export function parseDateRangeText(_text: string, _uiLocale?: string | null): DateRange | null {
  return null;
}
