import type { Level } from '../model';
import { columnsOf } from './suggest';
import {
  MAPPING_VERSION,
  mappingSchema,
  type ColumnUse,
  type CurrencySourceSpec,
  type DateSource,
  type Mapping,
  type TextSource,
} from './schema';

/**
 * What the mapping panel's controls hold, turned into a Mapping record (or refused). Pure, so the rules of a
 * valid mapping stay in one place (lib/mapping/schema.ts) and the panel only collects the user's choices.
 * Empty fields mean "not known": no account, the currency from the money cells, no date range.
 */
export interface MappingDraft {
  label: string;
  pathPattern: string;
  level: Level;
  columns: { header: string; use: ColumnUse | null }[];
  account: string;
  currency: string;
  dateStart: string;
  dateEnd: string;
  /**
   * Texts on the page the user picked (a click on it) for the account, the currency or the range: read again
   * on every visit, so they win over the typed values. Absent or null: the typed value.
   */
  picked?: Partial<Record<'account' | 'currency' | 'range', PickedText | null>>;
  /** The range from the address's query (ISO dates), e.g. `?from=…&to=…`: wins over everything else. */
  rangeParams?: { start: string; end: string } | null;
}

/** A text on the page: how to find it again (lib/mapping/selector.ts) and what it said when picked. */
export interface PickedText {
  selector: string;
  sample: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The address's two query parameters that hold the range, when it carries one: the first two whose values are
 * ISO dates, the earlier first (`?from=2026-11-01&to=2026-11-30`). Null when there are not exactly two.
 */
export function dateParamsOf(url: URL): { start: string; end: string } | null {
  const dates = [...url.searchParams].filter(([, value]) => ISO_DATE.test(value));
  if (dates.length !== 2) return null;
  const [a, b] = dates as [[string, string], [string, string]];
  if (a[0] === b[0]) return null;
  return a[1] <= b[1] ? { start: a[0], end: b[0] } : { start: b[0], end: a[0] };
}

const pageSource = (text: PickedText) =>
  ({ from: 'page', selector: text.selector, sample: text.sample.slice(0, 200) }) as const;

export type DraftResult = { ok: true; mapping: Mapping } | { ok: false; problem: DraftProblem };
/** Why a draft is not a mapping yet, for the panel to say in the user's language. */
export type DraftProblem = 'columns' | 'dates' | 'currency' | 'other';

function accountOf(text: string): TextSource {
  const value = text.trim();
  return value ? { from: 'fixed', value } : { from: 'none' };
}

function currencyOf(text: string): CurrencySourceSpec {
  const value = text.trim().toUpperCase();
  return value ? { from: 'fixed', value } : { from: 'cells' };
}

function datesOf(start: string, end: string): DateSource | null {
  if (!start && !end) return { from: 'none' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || start > end) return null;
  return { from: 'fixed', start, end };
}

export function mappingOfDraft(
  draft: MappingDraft,
  at: { origin: string; id: string; now: number },
): DraftResult {
  const picked = draft.picked ?? {};
  const dateRange: DateSource | null = draft.rangeParams
    ? { from: 'url-params', ...draft.rangeParams }
    : picked.range
      ? pageSource(picked.range)
      : datesOf(draft.dateStart.trim(), draft.dateEnd.trim());
  if (!dateRange) return { ok: false, problem: 'dates' };
  const currency = picked.currency ? pageSource(picked.currency) : currencyOf(draft.currency);
  if (currency.from === 'fixed' && !/^[A-Z]{3}$/.test(currency.value))
    return { ok: false, problem: 'currency' };
  const parsed = mappingSchema.safeParse({
    version: MAPPING_VERSION,
    id: at.id,
    label: draft.label.trim(),
    origin: at.origin,
    pathPattern: draft.pathPattern.trim(),
    level: draft.level,
    columns: columnsOf(draft.columns),
    account: picked.account ? pageSource(picked.account) : accountOf(draft.account),
    currency,
    dateRange,
    createdAt: at.now,
    updatedAt: at.now,
  });
  if (parsed.success) return { ok: true, mapping: parsed.data };
  const columnsWrong = parsed.error.issues.some((issue) => issue.path[0] === 'columns');
  return { ok: false, problem: columnsWrong ? 'columns' : 'other' };
}
