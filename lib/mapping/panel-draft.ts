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
}

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
  const dateRange = datesOf(draft.dateStart.trim(), draft.dateEnd.trim());
  if (!dateRange) return { ok: false, problem: 'dates' };
  const currency = currencyOf(draft.currency);
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
    account: accountOf(draft.account),
    currency,
    dateRange,
    createdAt: at.now,
    updatedAt: at.now,
  });
  if (parsed.success) return { ok: true, mapping: parsed.data };
  const columnsWrong = parsed.error.issues.some((issue) => issue.path[0] === 'columns');
  return { ok: false, problem: columnsWrong ? 'columns' : 'other' };
}
