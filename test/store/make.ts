import type { EntityRow, Metrics, PageContext, TableReading } from '@/lib/model';
import { KpiLensDb } from '@/lib/store/db';

let dbCounter = 0;
/** A fresh, empty database with a unique name (fake-indexeddb keeps databases for the whole run). */
export function freshDb(): KpiLensDb {
  return new KpiLensDb(`kpi-lens-test-${Date.now()}-${++dbCounter}`);
}

export function context(overrides: Partial<PageContext> = {}): PageContext {
  return {
    platform: 'meta',
    accountId: '1234567890',
    accountName: 'Shop account',
    level: 'campaign',
    dateStart: '2026-11-01',
    dateEnd: '2026-11-21',
    currency: 'USD',
    currencySource: 'page',
    uiLocale: 'en-US',
    ...overrides,
  };
}

export function row(entityId: string, metrics: Metrics, overrides: Partial<EntityRow> = {}): EntityRow {
  return {
    entityId,
    entityName: `Campaign ${entityId}`,
    metrics,
    clickKind: 'link',
    resultType: null,
    ...overrides,
  };
}

export function reading(rows: EntityRow[], ctx: Partial<PageContext> = {}): TableReading {
  return {
    context: context(ctx),
    rows,
    health: { status: 'recognised' },
    coverage: { read: rows.length, total: rows.length },
  };
}
