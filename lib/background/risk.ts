import { entityRisks, type EntityRisk } from '../kpi/entity-risks';
import type { RowEvaluation } from '../kpi/judge';
import type { JudgedEntity } from '../kpi/projection';
import { dayPosition } from '../kpi/pacing';
import { BASELINE_WEEKS, shiftDay, type DayPoint } from '../kpi/risk-flags';
import type { TableReading } from '../model';
import { localDay } from '../store/daily';
import { storedDayHistory, type DayHistoryQuery } from '../store/day-history';
import type { AlertRow, KpiLensDb } from '../store/db';
import type { Settings } from '../store/settings';
import type { MessageKey } from '../i18n';
import { riskLine } from '../ui/risk-text';
import { alertKeyOf, type AlertContext, type MessageLookup } from './alerts';

/**
 * The worker's side of the risk flags: today's flags of a reading's entities, from the stored single-day
 * history of its table (lib/store/day-history.ts) and the same verdicts as the badge (lib/kpi/entity-risks.ts
 * decides). One index range per reading, whatever the table's size.
 */

/**
 * The day history of a table, kept for a minute: a scrolled 2,000-row table is saved several times a minute,
 * and each save would otherwise parse up to 8 weeks of its single-day sets again. A single-day reading has
 * just changed that history, so it always reads it afresh.
 */
const HISTORY_TTL_MS = 60_000;
const histories = new Map<string, { db: KpiLensDb; at: number; history: Map<string, DayPoint[]> }>();

async function cachedDayHistory(
  db: KpiLensDb,
  query: DayHistoryQuery,
  now: number,
  fresh: boolean,
): Promise<Map<string, DayPoint[]>> {
  const key = JSON.stringify(query);
  const known = histories.get(key);
  if (!fresh && known && known.db === db && now - known.at >= 0 && now - known.at < HISTORY_TTL_MS)
    return known.history;
  const history = await storedDayHistory(db, query);
  if (histories.size > 50) histories.clear();
  histories.set(key, { db, at: now, history });
  return history;
}

export async function riskOfReading(
  db: KpiLensDb,
  reading: TableReading,
  entities: readonly JudgedEntity[],
  evaluations: readonly RowEvaluation[],
  settings: Settings,
  now: number,
  defaultTimeZone: string,
): Promise<EntityRisk[]> {
  const { platform, accountId, level } = reading.context;
  if (!settings.risk.enabled || !accountId || entities.length === 0) return [];
  const timeZone = settings.accountTimeZones[`${platform}:${accountId}`] ?? defaultTimeZone;
  const today = localDay(now, timeZone);
  const query = { platform, accountId, level, from: shiftDay(today, -7 * BASELINE_WEEKS), to: today };
  const history = await cachedDayHistory(
    db,
    query,
    now,
    reading.context.dateStart === reading.context.dateEnd,
  );
  const { enabled: _enabled, ...thresholds } = settings.risk;
  return entityRisks(entities, evaluations, history, {
    today,
    // The share of the account's day already over, over that day's real length (23–25 h on DST days).
    todayElapsed: dayPosition(now, timeZone).fractionOfDay,
    thresholds,
  });
}

/** One alert-log row per entity, rule and day: the log says which flags were notified already. */
export function riskAlertRows(
  risks: readonly EntityRisk[],
  ctx: AlertContext,
  names: ReadonlyMap<string, string | null>,
): AlertRow[] {
  return risks.flatMap((r) =>
    r.flags.map((f) => {
      const targetId = `risk:${f.rule}`;
      return {
        key: alertKeyOf({ ...ctx, day: f.day }, r.entityKey, targetId),
        day: f.day,
        at: ctx.at,
        targetId,
        platform: ctx.platform,
        accountId: ctx.accountId,
        level: ctx.level,
        entityKey: r.entityKey,
        entityName: names.get(r.entityKey) ?? null,
      };
    }),
  );
}

/**
 * One notification for the flags not notified yet (`fresh`, from the alert log): the flag in words when
 * there is one, a count and the entities' names when there are several.
 */
export function riskNotificationFor(
  fresh: readonly AlertRow[],
  risks: readonly EntityRisk[],
  locale: string,
  lookup: MessageLookup,
): { title: string; message: string } | null {
  const t = (key: MessageKey, subs?: string | string[]) =>
    lookup(key, typeof subs === 'string' ? [subs] : (subs ?? [])) || key;
  const byEntity = new Map(risks.map((r) => [r.entityKey, r]));
  const flags = fresh.flatMap((a) => {
    const risk = byEntity.get(a.entityKey);
    const flag = risk?.flags.find((f) => `risk:${f.rule}` === a.targetId);
    return risk && flag ? [{ alert: a, risk, flag }] : [];
  });
  const first = flags[0];
  if (!first) return null;
  const name = (a: AlertRow) => a.entityName ?? t('alert_unnamed');
  if (flags.length === 1)
    return {
      title: t('alert_risk_title', name(first.alert)),
      message: riskLine(first.flag, first.risk.currency, locale, t),
    };
  const names = [...new Set(flags.map((f) => name(f.alert)))];
  const more = names.length > 3 ? ` ${t('alert_offtrack_more', String(names.length - 3))}` : '';
  return {
    title: t('alert_risk_many_title', String(flags.length)),
    message: `${names.slice(0, 3).join(', ')}${more}`,
  };
}
