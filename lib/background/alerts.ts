import { browser } from 'wxt/browser';
import { KPI_DEFINITIONS } from '../kpi/definitions';
import type { EvaluatedKpi, RowEvaluation } from '../kpi/evaluate-rows';
import type { Direction, TargetStatus } from '../kpi/targets';
import type { Level, Platform } from '../model';
import type { AlertRow, KpiLensDb } from '../store/db';
import { isAlertingOffTrack } from '../kpi/judge';

/** An entity that just went off track against one of the user's targets. */
export interface OffTrackEvent {
  entityKey: string;
  entityName: string | null;
  targetId: string;
  kpi: EvaluatedKpi;
  value: number | null;
  comparedWith: number | null;
  direction: Direction;
  currency: string | null;
}

const SEP = '\u001f';

function statusesOf(evaluations: readonly RowEvaluation[]): Map<string, TargetStatus> {
  const out = new Map<string, TargetStatus>();
  for (const row of evaluations)
    for (const r of row.results)
      if (r.target && r.status) out.set(`${row.entityKey}${SEP}${r.target.id}`, r.status);
  return out;
}

/**
 * Entities whose status against a target went from on track / at risk to off track between two readings.
 * Only the user's own, unmuted targets alert: break-even targets are derived from the margin and cannot be
 * muted one by one, so they show on the chips and badge but never notify. A first reading that is already
 * off track is not a change and does not notify either.
 */
export function newlyOffTrack(
  previous: readonly RowEvaluation[],
  current: readonly RowEvaluation[],
  names: ReadonlyMap<string, string | null> = new Map(),
): OffTrackEvent[] {
  const before = statusesOf(previous);
  const events: OffTrackEvent[] = [];
  for (const row of current) {
    for (const r of row.results) {
      if (!isAlertingOffTrack(r) || !r.target || r.target.breakEven) continue;
      const was = before.get(`${row.entityKey}${SEP}${r.target.id}`);
      if (was !== 'on-track' && was !== 'at-risk') continue;
      events.push({
        entityKey: row.entityKey,
        entityName: names.get(row.entityKey) ?? null,
        targetId: r.target.id,
        kpi: r.kpi,
        value: r.value,
        comparedWith: r.target.comparedWith,
        direction: r.target.direction,
        currency: row.currency,
      });
    }
  }
  return events;
}

/** Entities of a reading with some KPI off track against an unmuted target: the badge number. */
export function countOffTrack(evaluations: readonly RowEvaluation[]): number {
  return evaluations.filter((row) => row.results.some(isAlertingOffTrack)).length;
}

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

export interface AlertContext {
  platform: Platform;
  accountId: string;
  level: Level;
  /** Local calendar day, `YYYY-MM-DD`: alerts fire at most once per entity, target and day. */
  day: string;
  at: number;
}

export function alertKeyOf(ctx: Omit<AlertContext, 'at'>, entityKey: string, targetId: string): string {
  return [ctx.platform, ctx.accountId, ctx.level, entityKey, targetId, ctx.day].join(SEP);
}

export function alertRowsFor(events: readonly OffTrackEvent[], ctx: AlertContext): AlertRow[] {
  const rows = new Map<string, AlertRow>();
  for (const e of events) {
    const key = alertKeyOf(ctx, e.entityKey, e.targetId);
    rows.set(key, {
      key,
      day: ctx.day,
      at: ctx.at,
      targetId: e.targetId,
      platform: ctx.platform,
      accountId: ctx.accountId,
      level: ctx.level,
      entityKey: e.entityKey,
      entityName: e.entityName,
    });
  }
  return [...rows.values()];
}

/** Logs the alerts not logged yet (same entity, target and day) and returns those: the ones to notify. */
export async function logNewAlerts(db: KpiLensDb, rows: readonly AlertRow[]): Promise<AlertRow[]> {
  if (rows.length === 0) return [];
  return db.transaction('rw', db.alerts, async () => {
    const existing = await db.alerts.bulkGet(rows.map((r) => r.key));
    const fresh = rows.filter((_, i) => !existing[i]);
    await db.alerts.bulkAdd(fresh);
    return fresh;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Text

/** `browser.i18n.getMessage`-like; returns '' for a key it does not know (then English is used). */
export type MessageLookup = (key: string, substitutions: string[]) => string;

const ENGLISH: Record<string, (s: string[]) => string> = {
  alert_offtrack_title: (s) => `Off track: ${s[0]}`,
  alert_offtrack_body: (s) => `${s[0]} is ${s[1]}; target ${s[2]} ${s[3]}.`,
  alert_offtrack_many_title: (s) => `${s[0]} entities went off track`,
  alert_offtrack_more: (s) => `and ${s[0]} more`,
  alert_budget_label: () => 'Budget pacing',
  alert_unnamed: () => '(unnamed)',
};

function text(lookup: MessageLookup, key: keyof typeof ENGLISH, substitutions: string[] = []): string {
  return lookup(key, substitutions) || ENGLISH[key]!(substitutions);
}

export function formatKpiValue(
  kpi: EvaluatedKpi,
  value: number | null,
  currency: string | null,
  locale: string,
): string {
  if (value === null) return '—';
  const unit = kpi === 'budget' ? 'money' : KPI_DEFINITIONS[kpi].unit;
  if (unit === 'money')
    return new Intl.NumberFormat(
      locale,
      currency ? { style: 'currency', currency } : { maximumFractionDigits: 2 },
    ).format(value);
  if (unit === 'ratio')
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(value);
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)}×`;
}

/** One notification per reading: the entity when one went off track, a count and names when several did. */
export function notificationFor(
  events: readonly OffTrackEvent[],
  locale: string,
  lookup: MessageLookup = () => '',
): { title: string; message: string } | null {
  const first = events[0];
  if (!first) return null;
  const name = (e: OffTrackEvent) => e.entityName ?? text(lookup, 'alert_unnamed');
  const label = (e: OffTrackEvent) =>
    e.kpi === 'budget' ? text(lookup, 'alert_budget_label') : KPI_DEFINITIONS[e.kpi].label;
  const line = (e: OffTrackEvent) =>
    text(lookup, 'alert_offtrack_body', [
      label(e),
      formatKpiValue(e.kpi, e.value, e.currency, locale),
      e.direction === 'atMost' ? '≤' : '≥',
      formatKpiValue(e.kpi, e.comparedWith, e.currency, locale),
    ]);
  if (events.length === 1)
    return { title: text(lookup, 'alert_offtrack_title', [name(first)]), message: line(first) };
  const entities = [...new Set(events.map((e) => e.entityKey))];
  const names = [...new Map(events.map((e) => [e.entityKey, name(e)])).values()];
  const shown = names.slice(0, 3).join(', ');
  const more = names.length > 3 ? ` ${text(lookup, 'alert_offtrack_more', [String(names.length - 3)])}` : '';
  return {
    title: text(lookup, 'alert_offtrack_many_title', [String(entities.length)]),
    message: entities.length === 1 ? events.map(line).join(' ') : `${shown}${more}`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Browser surfaces

export interface AlertUi {
  notify(id: string, content: { title: string; message: string }): Promise<void>;
  setBadge(tabId: number, text: string): Promise<void>;
}

export const BADGE_COLOR = '#B3261E';

export function browserAlertUi(): AlertUi {
  return {
    async notify(id, content) {
      await browser.notifications.create(id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: content.title,
        message: content.message,
      });
    },
    async setBadge(tabId, value) {
      await browser.action.setBadgeText({ tabId, text: value });
      if (value) await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
    },
  };
}

export function browserMessageLookup(): MessageLookup {
  return (key, substitutions) => {
    try {
      // Keys are added to the locales separately; an unknown key returns '' and English is used.
      return browser.i18n.getMessage(key as Parameters<typeof browser.i18n.getMessage>[0], substitutions);
    } catch {
      return '';
    }
  };
}
