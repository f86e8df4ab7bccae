import { t } from '@/lib/i18n';
import { formatMoney, UNKNOWN_MARK } from '@/lib/format';
import { DIRECTION_SYMBOL, formatKpiValue, kpiShortLabel, LEVEL_KEYS } from '@/lib/ui/display';
import type { EntityStanding } from '@/lib/ui/goals';
import { ExampleLabel } from '../shared/example-label';
import { StatusBadge } from '../shared/status-badge';

/**
 * The entities furthest off target (with targets), else the latest readings by spend. One table: the
 * worst KPI of each entity, its target and status.
 */
// eslint-disable-next-line max-lines-per-function -- one table's markup (header, rows, empty state) reads best in one place
export function EntityTable({
  standings,
  locale,
  withTargets,
}: {
  standings: readonly EntityStanding[];
  locale: string;
  withTargets: boolean;
}) {
  const caption = withTargets ? t('popup_entities_off_target') : t('popup_entities_latest');
  return (
    <table className="entities">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('popup_col_entity')}</th>
          {withTargets ? (
            <>
              <th scope="col" className="num">
                {t('popup_col_value')}
              </th>
              <th scope="col">{t('popup_col_status')}</th>
            </>
          ) : (
            <>
              <th scope="col" className="num">
                {t('popup_col_spend')}
              </th>
              <th scope="col" className="num">
                CPA
              </th>
              <th scope="col" className="num">
                ROAS
              </th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {standings.map(({ row, worst, cpa, roas }) => {
          const name = row.entityName ?? row.entityId ?? row.entityKey;
          return (
            <tr
              key={`${row.platform}:${row.accountId}:${row.level}:${row.entityKey}`}
              data-entity-key={row.entityKey}
            >
              <th scope="row" className="entity-name">
                <span title={name}>{name}</span>
                <span className="muted small"> · {t(LEVEL_KEYS[row.level])}</span>
              </th>
              {withTargets ? (
                <>
                  <td className="num">
                    {worst ? (
                      <>
                        <span className="muted small">{kpiShortLabel(worst.kpi, t)} </span>
                        {formatKpiValue(worst.kpi, worst.value, row.currency, locale)}
                        {worst.target ? (
                          <span className="muted small">
                            {' '}
                            {DIRECTION_SYMBOL[worst.target.direction]}{' '}
                            {worst.target.comparedWith !== null
                              ? formatKpiValue(worst.kpi, worst.target.comparedWith, row.currency, locale)
                              : formatKpiValue(worst.kpi, worst.target.value, worst.target.currency, locale)}
                          </span>
                        ) : null}
                        {worst.target?.example ? (
                          <>
                            {' '}
                            <ExampleLabel target={worst.target} />
                          </>
                        ) : null}
                      </>
                    ) : (
                      UNKNOWN_MARK
                    )}
                  </td>
                  <td>
                    {worst?.status ? (
                      <StatusBadge status={worst.status} />
                    ) : (
                      <span className="muted">{t('popup_no_target')}</span>
                    )}
                  </td>
                </>
              ) : (
                <>
                  <td className="num">{formatMoney(row.metrics.spend, row.currency, locale)}</td>
                  <td className="num">{formatKpiValue('cpa', cpa, row.currency, locale)}</td>
                  <td className="num">{formatKpiValue('roas', roas, row.currency, locale)}</td>
                </>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
