import { lazy, Suspense, useCallback } from 'react';
import { t, type MessageKey } from '@/lib/i18n';
import {
  formatIsoRange,
  formatMoney,
  formatMultiple,
  formatNumber,
  formatPercent,
  formatSignedPercent,
  formatWhen,
} from '@/lib/format';
import type { KpiId } from '@/lib/kpi/definitions';
import {
  formatKpiValue,
  KPI_FORMULA_KEYS,
  KPI_NAME_KEYS,
  kpiShortLabel,
  LEVEL_KEYS,
  platformName,
  viewScopeText,
  type ScopeNames,
} from '@/lib/ui/display';
import type { PopupModel } from '@/lib/ui/popup-model';
import type { ScopeOption } from '@/lib/ui/scope';
import { trendEnds } from '@/lib/ui/trend';
import { ExportCsvButton } from '../shared/export-csv-button';
import { GoalList, PacingList } from './goal-list';
import { EntityTable } from './entity-table';
import { ComparisonSection } from './comparisons';
import { RiskList } from './risk-list';
import type { SeasonalSeries } from '@/lib/ui/seasonality';
import type { ListedRisk } from '@/lib/store/risks';
import type { TableComparison } from '@/lib/ui/comparisons';
import type { ReadableSite } from '@/lib/ui/read-site';
import { ReadSiteSection, type ReadSiteOutcome } from './read-site';

// uPlot is loaded only when a chart is drawn, after the goals: the popup is ready without it.
const TrendChart = lazy(() => import('./trend-chart').then((m) => ({ default: m.TrendChart })));
const DailyChart = lazy(() => import('./daily-chart').then((m) => ({ default: m.DailyChart })));

export interface PopupViewProps {
  model: PopupModel | undefined;
  locale: string;
  now: number;
  scopeOptions: readonly ScopeOption[];
  scopeKey: string;
  onScopeChange(key: string): void;
  trendKpi: KpiId | null;
  onTrendKpiChange(kpi: KpiId): void;
  exportCsv(onProgress: (rows: number) => void): Promise<number>;
  openOptions(): void;
  names: ScopeNames;
  /** The view's tables against their previous period and last year; undefined while loading. */
  comparisons?: readonly TableComparison[] | undefined;
  /** The view's first table by day beside its comparison periods (lib/ui/seasonality.ts), or null. */
  seasonal?: SeasonalSeries | null | undefined;
  /** Today's risk flags of the view's tables (lib/store/risks.ts). */
  risks?: readonly ListedRisk[] | undefined;
  /** The ad managers KPI Lens reads (the adapters' labels), listed when nothing is stored yet. */
  supportedPlatforms: readonly string[];
  /**
   * "Read a table on this site": absent on a supported ad manager's page; `site` null when the popup cannot
   * see the tab's address.
   */
  readSite?: { site: ReadableSite | null; start(): Promise<ReadSiteOutcome>; openMappings(): void };
}

export function PopupView(props: PopupViewProps) {
  const { model, locale } = props;
  return (
    // `data-kpi-lens-ready`: the data has rendered (goal progress drawn); the benchmarks time the popup by it.
    <main className="popup" data-kpi-lens-ready={model ? '' : undefined}>
      <header className="popup-header">
        <h1>{t('popup_title')}</h1>
        {model && !model.empty ? (
          <label className="scope-picker">
            <span>{t('popup_scope_label')}</span>
            <select value={props.scopeKey} onChange={(e) => props.onScopeChange(e.target.value)}>
              {props.scopeOptions.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.fromTab
                    ? t('popup_scope_this_tab', viewScopeText(o.scope, o.accountName, t))
                    : viewScopeText(o.scope, o.accountName, t)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </header>

      {model?.problem ? (
        <p role="alert" className="problem">
          {t('popup_problem', [formatWhen(model.problem.at, locale, props.now), model.problem.message])}
        </p>
      ) : null}

      {model === undefined ? (
        <p role="status">{t('common_loading')}</p>
      ) : model.empty ? (
        <EmptyState platforms={props.supportedPlatforms} openOptions={props.openOptions} />
      ) : model.viewEmpty ? (
        <p className="muted">{t('popup_view_empty')}</p>
      ) : (
        <Dashboard {...props} model={model} />
      )}

      {props.readSite ? <ReadSiteSection {...props.readSite} /> : null}

      <footer className="popup-footer">
        {/* Always present (CONTRACTS.md §2); with nothing stored it saves the header row alone. */}
        <ExportCsvButton run={props.exportCsv} locale={locale} describedBy="export-scope-note" />
        <button type="button" onClick={props.openOptions}>
          {t('popup_open_options')}
        </button>
        <span id="export-scope-note" className="sr-only">
          {t('popup_export_scope_note')}
        </span>
      </footer>
    </main>
  );
}

function EmptyState({ platforms, openOptions }: { platforms: readonly string[]; openOptions(): void }) {
  return (
    <section aria-labelledby="empty-title" className="empty">
      <h2 id="empty-title">{t('popup_empty_title')}</h2>
      <p>{t('popup_empty_body')}</p>
      <ul>
        {platforms.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
      <p>{t('popup_empty_targets')}</p>
      <p>
        <button type="button" onClick={openOptions}>
          {t('popup_empty_set_target')}
        </button>
      </p>
      <p className="muted">{t('popup_empty_privacy')}</p>
    </section>
  );
}

/** LTV ROAS and CAC payback beside the page's ROAS, with their definitions (lib/kpi/ltv.ts). */
function LtvFacts({ ltv, locale }: { ltv: NonNullable<PopupModel['ltv']>; locale: string }) {
  return (
    <>
      <dl className="facts summary ltv">
        <div>
          <dt>{t('popup_ltv_roas')}</dt>
          <dd>{formatMultiple(ltv.ltvRoas, locale)}</dd>
        </div>
        <div>
          <dt>{t('popup_cac_payback')}</dt>
          <dd>{formatPercent(ltv.cacPayback, locale, 1)}</dd>
        </div>
      </dl>
      <p className="muted small">{t('popup_ltv_definition', formatMoney(ltv.ltv, ltv.currency, locale))}</p>
    </>
  );
}

// eslint-disable-next-line max-lines-per-function -- the popup's one layout: a list of sections, each already a component
function Dashboard(props: PopupViewProps & { model: PopupModel }) {
  const { model, locale } = props;
  const s = model.summary;
  return (
    <>
      <p className="muted small reading-time">
        {model.lastReadingAt !== null
          ? t('popup_last_reading', formatWhen(model.lastReadingAt, locale, props.now))
          : null}
      </p>

      <section aria-labelledby="summary-title">
        <h2 id="summary-title" className="sr-only">
          {t('popup_summary_title')}
        </h2>
        <dl className="facts summary">
          <div>
            <dt>{t('popup_col_spend')}</dt>
            <dd>
              {s.spend === null && s.spendByCurrency.length > 0 ? (
                <ul className="per-currency" aria-label={t('popup_spend_by_currency')}>
                  {s.spendByCurrency.map((c) => (
                    <li key={c.currency}>{formatMoney(c.value, c.currency, locale)}</li>
                  ))}
                </ul>
              ) : (
                formatMoney(s.spend, s.spendCurrency, locale)
              )}
            </dd>
          </div>
          <div>
            <dt>{t('popup_conversions')}</dt>
            <dd>{formatNumber(s.conversions, locale)}</dd>
          </div>
          <div>
            <dt>CPA</dt>
            <dd>{formatKpiValue('cpa', s.cpa, s.spendCurrency, locale)}</dd>
          </div>
          <div>
            <dt>ROAS</dt>
            <dd>{formatKpiValue('roas', s.roas, null, locale)}</dd>
          </div>
        </dl>
        {model.ltv ? <LtvFacts ltv={model.ltv} locale={locale} /> : null}
        {s.unknownCurrencyAccounts.length > 0 ? (
          <p className="muted small">
            {t('popup_currency_unknown_accounts', accountNames(s.unknownCurrencyAccounts, model.sets))}{' '}
            <button type="button" className="link" onClick={props.openOptions}>
              {t('popup_currency_set')}
            </button>
          </p>
        ) : s.problem && s.problem !== 'unknown-currency' ? (
          <p className="muted small">
            {s.missingRates.length > 0
              ? t('popup_blend_missing_rates', s.missingRates.join(', '))
              : t('common_reason_no_reporting_currency')}
          </p>
        ) : null}
        <ul className="ranges muted small">
          {model.sets.map((set) => (
            <li key={`${set.platform}:${set.accountId}`}>
              {platformName(set.platform, t)} · {set.accountName ?? set.accountId} ·{' '}
              {formatIsoRange(set.dateStart, set.dateEnd, locale)} · {t(LEVEL_KEYS[set.level])}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="goals-title">
        <h2 id="goals-title">{t('popup_goals_title')}</h2>
        {model.goals.length === 0 && model.budgets.length === 0 ? (
          <p className="muted">
            {t('popup_no_targets')}{' '}
            <button type="button" className="link" onClick={props.openOptions}>
              {t('popup_set_targets')}
            </button>
          </p>
        ) : (
          <GoalList goals={model.goals} locale={locale} names={props.names} />
        )}
      </section>

      {model.budgets.length > 0 ? (
        <section aria-labelledby="pacing-title">
          <h2 id="pacing-title">{t('popup_pacing_title')}</h2>
          <PacingList budgets={model.budgets} locale={locale} names={props.names} />
        </section>
      ) : null}

      {props.risks ? <RiskList risks={props.risks} locale={locale} names={props.names} /> : null}

      {model.trend ? <TrendSection {...props} model={model} /> : null}

      {props.comparisons ? <ComparisonSection tables={props.comparisons} locale={locale} /> : null}

      {model.entities.length > 0 ? (
        <section aria-label={t('popup_entities_title')}>
          <EntityTable
            standings={model.entities}
            locale={locale}
            withTargets={model.entities.some((e) => e.worst !== null)}
          />
        </section>
      ) : null}
    </>
  );
}

function TrendSection(props: PopupViewProps & { model: PopupModel }) {
  const { model, locale } = props;
  const trend = model.trend!;
  const kpi = trend.kpi;
  const label = kpiShortLabel(kpi, t);
  const currency = trend.currency ?? model.change?.currency ?? null;
  const format = useCallback(
    (v: number | null) => formatKpiValue(kpi, v, currency, locale),
    [kpi, currency, locale],
  );
  const ends = trendEnds(trend.points);
  const summary =
    ends.known === 0
      ? t('popup_trend_no_points', label)
      : t('popup_trend_summary', [label, String(ends.known), format(ends.first), format(ends.last)]) +
        (trend.targetValue !== null ? ` ${t('popup_trend_target', format(trend.targetValue))}` : '');
  const change = model.change;
  const formulaKey = KPI_FORMULA_KEYS[kpi];
  return (
    <section aria-labelledby="trend-title">
      <h2 id="trend-title">{t('popup_trend_title')}</h2>
      <label className="inline">
        <span>{t('popup_trend_kpi_label')}</span>
        <select value={kpi} onChange={(e) => props.onTrendKpiChange(e.target.value as KpiId)}>
          {trend.choices.map((k) => (
            <option key={k} value={k}>
              {kpiShortLabel(k, t)} — {t(KPI_NAME_KEYS[k])}
            </option>
          ))}
        </select>
      </label>
      {formulaKey ? <p className="muted small">{t(formulaKey as MessageKey)}</p> : null}
      {ends.known > 0 ? (
        <Suspense fallback={<p className="muted small">{summary}</p>}>
          <TrendChart
            points={trend.points}
            targetValue={trend.targetValue}
            seriesLabel={label}
            targetLabel={t('popup_trend_target_line')}
            summary={summary}
            formatValue={format}
            locale={locale}
          />
        </Suspense>
      ) : (
        <p className="muted small">{summary}</p>
      )}
      {props.seasonal && props.seasonal.kpi === kpi ? (
        <DailySection series={props.seasonal} format={format} locale={locale} label={label} />
      ) : null}
      <p className="change">
        {change && change.previousRange && change.current !== null && change.previous !== null ? (
          <>
            {t(
              'popup_change_vs',
              formatIsoRange(change.previousRange.start, change.previousRange.end, locale),
            )}{' '}
            {format(change.previous)} → {format(change.current)}{' '}
            {change.change !== null ? `(${formatSignedPercent(change.change, locale)})` : ''}{' '}
            {change.improved === null ? null : (
              <strong className={change.improved ? 'better' : 'worse'}>
                {change.improved ? t('popup_change_better') : t('popup_change_worse')}
              </strong>
            )}
          </>
        ) : (
          <span className="muted small">{t('popup_change_none')}</span>
        )}
      </p>
    </section>
  );
}

/** The range on screen by day, beside its previous period and its same period last year. */
function DailySection({
  series,
  format,
  locale,
  label,
}: {
  series: SeasonalSeries;
  format: (v: number | null) => string;
  locale: string;
  label: string;
}) {
  const read = series.current.filter((d) => d.source === 'read').length;
  const derived = series.current.filter((d) => d.source === 'derived').length;
  const range = (r: { start: string; end: string }) => formatIsoRange(r.start, r.end, locale);
  const labels = {
    day: t('popup_daily_day'),
    read: t('popup_daily_read', range(series.range)),
    derived: t('popup_daily_derived'),
    previous: t('popup_daily_previous', series.previous ? range(series.previous.range) : ''),
    lastYear: t('popup_daily_last_year', series.lastYear ? range(series.lastYear.range) : ''),
  };
  const summary = [
    t('popup_daily_summary', [label, range(series.range), String(read), String(derived)]),
    series.previous ? labels.previous : t('popup_daily_previous_missing'),
    series.lastYear ? labels.lastYear : t('popup_daily_last_year_missing'),
  ].join(' ');
  return (
    <Suspense fallback={<p className="muted small">{summary}</p>}>
      <DailyChart series={series} labels={labels} summary={summary} formatValue={format} locale={locale} />
    </Suspense>
  );
}

/** "Meta · Northwind Outdoor – US, Google Ads · 412-558-0917": accounts as the user knows them. */
function accountNames(keys: readonly string[], sets: PopupModel['sets']): string {
  return keys
    .map((key) => {
      const set = sets.find((s) => `${s.platform}:${s.accountId}` === key);
      if (!set) return key;
      return `${platformName(set.platform, t)} · ${set.accountName ?? set.accountId}`;
    })
    .join(', ');
}
