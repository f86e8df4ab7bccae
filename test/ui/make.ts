import { targetSchema, type Target, type TargetInput } from '@/lib/kpi/targets';
import type { Snapshot } from '@/lib/model';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/store/settings';
import type { GoalSettings } from '@/lib/ui/goals';

export const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);

export function row(over: Partial<Snapshot> & Pick<Snapshot, 'entityKey'>): Snapshot {
  return {
    capturedAt: T0,
    platform: 'meta',
    accountId: 'A1',
    accountName: 'Shop',
    level: 'campaign',
    entityId: over.entityKey,
    entityName: `Campaign ${over.entityKey}`,
    dateStart: '2026-11-01',
    dateEnd: '2026-11-21',
    currency: 'USD',
    currencySource: 'page',
    metrics: {},
    clickKind: null,
    resultType: null,
    ...over,
  };
}

export function target(input: Partial<TargetInput> & Pick<TargetInput, 'kpi' | 'value'>): Target {
  return targetSchema.parse({ id: `t-${input.kpi}-${input.value}`, scope: { kind: 'all' }, ...input });
}

export function settings(over: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...over };
}

export const GOAL_SETTINGS: GoalSettings = {
  margin: null,
  fx: null,
  timeZones: {},
  defaultTimeZone: 'UTC',
};
