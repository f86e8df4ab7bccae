import { t } from '@/lib/i18n';
import type { TableComparison } from '@/lib/ui/comparisons';
import { tableComparisonText, type PeriodText } from '@/lib/ui/comparison-text';

/**
 * The view's tables against their previous period and their same period last year (lib/ui/comparisons.ts
 * computes, lib/ui/comparison-text.ts words it). A change is coloured by whether it is good for the KPI
 * and also says so in words.
 */
export function ComparisonSection({
  tables,
  locale,
}: {
  tables: readonly TableComparison[];
  locale: string;
}) {
  if (tables.length === 0) return null;
  return (
    <section aria-labelledby="compare-title" className="comparisons">
      <h2 id="compare-title">{t('common_compare_title')}</h2>
      {tables.map((table) => {
        const text = tableComparisonText(table, locale, t);
        return (
          <div key={`${table.platform}:${table.accountId}`} className="compare-table">
            <p className="muted small">{text.heading}</p>
            {text.periods.map((p) => (
              <Period key={p.kind} period={p} />
            ))}
          </div>
        );
      })}
      <p className="muted small">{t('common_compare_note')}</p>
    </section>
  );
}

function Period({ period }: { period: PeriodText }) {
  return (
    <div className="compare-period" data-period={period.kind}>
      <h3>{period.title}</h3>
      {period.missing ? (
        <p className="muted small" data-missing="">
          {period.missing}{' '}
          {period.link ? (
            <a href={period.link.href} target="_blank" rel="noopener noreferrer">
              {period.link.text}
            </a>
          ) : null}
        </p>
      ) : (
        <table className="compare">
          <thead>
            <tr>
              <th scope="col">{t('common_compare_col_kpi')}</th>
              <th scope="col">{t('common_compare_col_now')}</th>
              <th scope="col">{t('common_compare_col_then')}</th>
              <th scope="col">{t('common_compare_col_delta')}</th>
              <th scope="col">{t('common_compare_col_change')}</th>
            </tr>
          </thead>
          <tbody>
            {period.rows.map((r) => (
              <tr key={r.kpi} data-kpi={r.kpi} data-tone={r.tone}>
                <th scope="row">{r.label}</th>
                <td>{r.current}</td>
                <td>{r.other}</td>
                <td>{r.delta}</td>
                <td>
                  <span className={`tone ${r.tone}`}>
                    {r.change} <span className="tone-word">{r.toneText}</span>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
