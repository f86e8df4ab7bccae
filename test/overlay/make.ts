import { targetSchema, type Target, type TargetInput } from '@/lib/kpi/targets';
import type { EntityRow, Metrics, PageContext, TableReading } from '@/lib/model';

export function ctx(overrides: Partial<PageContext> = {}): PageContext {
  return {
    platform: 'meta',
    accountId: '583920174615290',
    accountName: 'Northwind Outdoor – US',
    level: 'campaign',
    dateStart: '2026-11-01',
    dateEnd: '2026-11-21',
    currency: 'USD',
    currencySource: 'page',
    uiLocale: 'en',
    ...overrides,
  };
}

export function row(entityId: string | null, metrics: Metrics, name = `Campaign ${entityId}`): EntityRow {
  return { entityId, entityName: name, metrics, clickKind: 'link', resultType: null };
}

export function reading(
  rows: EntityRow[],
  context: Partial<PageContext> = {},
  total: number | null = null,
): TableReading {
  return {
    context: ctx(context),
    rows,
    health:
      total !== null && rows.length < total
        ? { status: 'partial', missing: [`rows: read ${rows.length} of ${total}`] }
        : { status: 'recognised' },
    coverage: { read: rows.length, total },
  };
}

export function targets(...inputs: TargetInput[]): Target[] {
  return inputs.map((t) => targetSchema.parse(t));
}
