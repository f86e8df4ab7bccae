import { t } from '@/lib/i18n';
import type { ListedRisk } from '@/lib/store/risks';
import { LEVEL_KEYS, platformName, type ScopeNames } from '@/lib/ui/display';
import { riskText } from '@/lib/ui/risk-text';

/** The popup lists this many flagged entities; the in-page chips show every one. */
export const POPUP_RISKS = 8;

/**
 * Today's risk flags of the view's tables (the worker judged them when it stored each reading): the
 * entity, where it is, and each flag with the numbers behind it.
 */
export function RiskList({
  risks,
  locale,
  names,
}: {
  risks: readonly ListedRisk[];
  locale: string;
  names: ScopeNames;
}) {
  if (risks.length === 0) return null;
  const more = risks.length - POPUP_RISKS;
  return (
    <section aria-labelledby="risk-title" className="risks">
      <h2 id="risk-title">{t('common_risk_title')}</h2>
      <ul>
        {risks.slice(0, POPUP_RISKS).map((risk) => (
          <li key={`${risk.platform}:${risk.accountId}:${risk.level}:${risk.entityKey}`} className="risk">
            <span className="risk-entity">
              <span aria-hidden="true">⚑ </span>
              {risk.entityName ?? risk.entityKey}
            </span>{' '}
            <span className="muted small">
              {platformName(risk.platform, t)} ·{' '}
              {names.account?.(risk.platform, risk.accountId) ?? risk.accountId} · {t(LEVEL_KEYS[risk.level])}
            </span>
            <ul className="risk-flags">
              {risk.flags.map((flag) => {
                const text = riskText(flag, risk.currency, locale, t);
                return (
                  <li key={flag.rule} data-rule={flag.rule}>
                    <strong>{text.title}</strong> {text.explanation}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="muted small">{t('overlay_risk_more', String(more))}</p> : null}
    </section>
  );
}
