import { t, type MessageKey } from '@/lib/i18n';
import { formatMoney, formatPercent } from '@/lib/format';
import {
  DIRECTION_SYMBOL,
  distanceText,
  formatKpiValue,
  KPI_NAME_KEYS,
  kpiShortLabel,
  REASON_KEYS,
  targetScopeText,
  type ScopeNames,
} from '@/lib/ui/display';
import type { GoalView } from '@/lib/ui/goals';
import { ExampleLabel } from '../shared/example-label';
import { StatusBadge } from '../shared/status-badge';

function GoalDistance({ goal, locale }: { goal: GoalView; locale: string }) {
  const text = distanceText(goal.target.kpi, goal.target.direction, goal.distance, locale);
  if (goal.status === 'unknown' && goal.reason)
    return <span className="muted">{t(REASON_KEYS[goal.reason] as MessageKey)}</span>;
  if (!text) return null;
  return <span>{t(text.key, text.amount)}</span>;
}

/** Progress toward each target: value vs target, status in colour, symbol and words, distance. */
export function GoalList({
  goals,
  locale,
  names,
}: {
  goals: readonly GoalView[];
  locale: string;
  names: ScopeNames;
}) {
  return (
    <ul className="goals">
      {goals.map((goal) => (
        <GoalItem key={goal.target.id} goal={goal} locale={locale} names={names} />
      ))}
    </ul>
  );
}

export function GoalItem({ goal, locale, names }: { goal: GoalView; locale: string; names: ScopeNames }) {
  const { target } = goal;
  const label = kpiShortLabel(target.kpi, t);
  const targetText = `${DIRECTION_SYMBOL[target.direction]} ${formatKpiValue(
    target.kpi,
    goal.comparedWith ?? target.value,
    goal.comparedWith !== null ? goal.currency : target.currency,
    locale,
  )}`;
  return (
    <li className={`goal goal-${goal.status}`} data-target-id={target.id} data-kpi={target.kpi}>
      <div className="goal-head">
        <abbr title={t(KPI_NAME_KEYS[target.kpi])} className="goal-kpi">
          {label}
        </abbr>
        <span className="goal-scope muted">{targetScopeText(target.scope, t, names)}</span>
        <ExampleLabel target={target} />
        <StatusBadge status={goal.status} />
      </div>
      <div className="goal-body">
        <span className="goal-value" aria-label={t('popup_goal_value_label', label)}>
          {formatKpiValue(target.kpi, goal.value, goal.currency, locale)}
        </span>
        <span className="goal-target">{t('popup_goal_target', targetText)}</span>
        <GoalDistance goal={goal} locale={locale} />
      </div>
      {!goal.complete && goal.rowsTotal > 0 && goal.status !== 'unknown' ? (
        <div className="muted small">
          {t('popup_goal_partial', [String(goal.rowsUsed), String(goal.rowsTotal)])}
        </div>
      ) : null}
    </li>
  );
}

/** Budget pacing with month-end forecast and the spend needed per day to land on budget. */
export function PacingList({
  budgets,
  locale,
  names,
}: {
  budgets: readonly GoalView[];
  locale: string;
  names: ScopeNames;
}) {
  return (
    <ul className="goals">
      {budgets.map((goal) => {
        const p = goal.pacing;
        // Pacing amounts are in the readings' currency; the budget as typed when it could not be converted.
        const currency = goal.currency;
        return (
          <li key={goal.target.id} className={`goal goal-${goal.status}`} data-target-id={goal.target.id}>
            <div className="goal-head">
              <span className="goal-kpi">
                {t(goal.target.period === 'day' ? 'popup_budget_daily' : 'popup_budget_monthly')}
              </span>
              <span className="goal-scope muted">{targetScopeText(goal.target.scope, t, names)}</span>
              <ExampleLabel target={goal.target} />
              <StatusBadge status={goal.status} />
            </div>
            <dl className="facts">
              <div>
                <dt>{t('popup_budget_spent')}</dt>
                <dd>
                  {formatMoney(goal.value, currency, locale)} /{' '}
                  {p
                    ? formatMoney(p.budget, currency, locale)
                    : formatMoney(goal.target.value, goal.target.currency, locale)}
                </dd>
              </div>
              <div>
                <dt>{t('popup_budget_pace')}</dt>
                <dd>{formatPercent(p?.pacing, locale, 0)}</dd>
              </div>
              {goal.target.period === 'month' ? (
                <div>
                  <dt>{t('popup_budget_forecast')}</dt>
                  <dd>{formatMoney(p?.forecast, currency, locale)}</dd>
                </div>
              ) : null}
              <div>
                <dt>
                  {t(
                    goal.target.period === 'month'
                      ? 'popup_budget_required_daily'
                      : 'popup_budget_left_today',
                  )}
                </dt>
                <dd>{formatMoney(p?.requiredDailySpend, currency, locale)}</dd>
              </div>
            </dl>
            {goal.status === 'unknown' && goal.reason ? (
              <div className="muted small">{t(REASON_KEYS[goal.reason] as MessageKey)}</div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
