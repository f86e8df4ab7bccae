import { t, type MessageKey } from '@/lib/i18n';
import { formatNumber } from '@/lib/format';
import { TARGET_KPIS, type TargetKpi } from '@/lib/kpi/targets';
import { PLATFORMS, type Platform } from '@/lib/model';
import { ADAPTERS } from '@/lib/platforms/registry';
import { KPI_NAME_KEYS, kpiShortLabel, platformName } from '@/lib/ui/display';
import type { DraftErrors, ScopeKind, StatusCounts, TargetDraft } from '@/lib/ui/target-form';
import { valueUnit } from '@/lib/ui/target-form';
import { findEntity, type EntityChoice } from '@/lib/ui/target-list';
import { StatusBadge } from '../shared/status-badge';
import { EntityPicker } from './entity-picker';
import { described, Field } from '../shared/field';

export interface AccountChoice {
  platform: Platform;
  accountId: string;
  accountName: string | null;
}

const SCOPE_KINDS: readonly ScopeKind[] = ['all', 'platform', 'account', 'campaign'];
const SCOPE_KEYS: Record<ScopeKind, MessageKey> = {
  all: 'options_target_scope_all',
  platform: 'options_target_scope_platform',
  account: 'options_target_scope_account',
  campaign: 'options_target_scope_campaign',
};
const UNIT_KEYS = {
  money: 'options_target_unit_money',
  percent: 'options_target_unit_percent',
  multiple: 'options_target_unit_multiple',
} as const satisfies Record<string, MessageKey>;

/** The add / edit form of one target. Values come in as typed; the container validates. */
// eslint-disable-next-line max-lines-per-function -- one form whose fields share state; to be shortened when the options page's near-duplicate field blocks become one component (#16.3)
export function TargetForm({
  draft,
  errors,
  accounts,
  entities,
  counts,
  locale,
  onChange,
  onKpiChange,
  onSubmit,
  onCancel,
}: {
  draft: TargetDraft;
  errors: DraftErrors;
  accounts: readonly AccountChoice[];
  /** The entities read so far, for the "one campaign, ad set or ad" scope's picker. */
  entities: readonly EntityChoice[];
  /** Live count of current entities under the target as typed; null while it is not valid. */
  counts: StatusCounts | null;
  locale: string;
  onChange(change: Partial<TargetDraft>): void;
  onKpiChange(kpi: TargetKpi): void;
  onSubmit(): void;
  onCancel(): void;
}) {
  const unit = valueUnit(draft.kpi);
  // The platforms KPI Lens reads, and any other whose readings are stored (a mapped table, an older build's).
  const platforms = PLATFORMS.filter(
    (p) => ADAPTERS.some((a) => a.id === p) || accounts.some((a) => a.platform === p),
  );
  const platformAccounts = accounts.filter((a) => a.platform === draft.platform);
  return (
    <form
      className="target-form"
      aria-labelledby="target-form-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 id="target-form-title">
        {draft.id ? t('options_target_edit_title') : t('options_target_add_title')}
      </h3>
      <div className="grid">
        <Field id="target-kpi" label={t('options_target_kpi')}>
          <select
            id="target-kpi"
            value={draft.kpi}
            onChange={(e) => onKpiChange(e.target.value as TargetKpi)}
          >
            {TARGET_KPIS.map((k) => (
              <option key={k} value={k}>
                {kpiShortLabel(k, t)} — {t(KPI_NAME_KEYS[k])}
              </option>
            ))}
          </select>
        </Field>

        <Field id="target-direction" label={t('options_target_direction')}>
          <select
            id="target-direction"
            value={draft.direction}
            onChange={(e) => onChange({ direction: e.target.value as TargetDraft['direction'] })}
          >
            <option value="atMost">{t('options_target_at_most')}</option>
            <option value="atLeast">{t('options_target_at_least')}</option>
          </select>
        </Field>

        <Field
          id="target-value"
          label={t('options_target_value')}
          hint={t(UNIT_KEYS[unit])}
          error={errors.value}
        >
          <input
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={draft.value}
            onChange={(e) => onChange({ value: e.target.value })}
            required
            {...described('target-value', true, errors.value)}
          />
        </Field>

        {unit === 'money' ? (
          <Field
            id="target-currency"
            label={t('options_target_currency')}
            hint={t('options_target_currency_hint')}
            error={errors.currency}
          >
            <input
              type="text"
              value={draft.currency}
              maxLength={3}
              list="currency-codes"
              autoComplete="off"
              onChange={(e) => onChange({ currency: e.target.value.toUpperCase() })}
              {...described('target-currency', true, errors.currency)}
            />
          </Field>
        ) : null}

        {draft.kpi === 'budget' ? (
          <Field id="target-period" label={t('options_target_period')} error={errors.period}>
            <select
              value={draft.period}
              onChange={(e) => onChange({ period: e.target.value as TargetDraft['period'] })}
              {...described('target-period', false, errors.period)}
            >
              <option value="month">{t('options_target_period_month')}</option>
              <option value="day">{t('options_target_period_day')}</option>
            </select>
          </Field>
        ) : null}

        <Field id="target-scope" label={t('options_target_scope')}>
          <select
            id="target-scope"
            value={draft.scopeKind}
            onChange={(e) => onChange({ scopeKind: e.target.value as ScopeKind })}
          >
            {SCOPE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(SCOPE_KEYS[k])}
              </option>
            ))}
          </select>
        </Field>

        {draft.scopeKind === 'platform' || draft.scopeKind === 'account' ? (
          <Field id="target-platform" label={t('options_target_platform')} error={errors.platform}>
            <select
              value={draft.platform}
              onChange={(e) =>
                onChange({ platform: e.target.value as Platform, accountId: '', entityKey: '' })
              }
              {...described('target-platform', false, errors.platform)}
            >
              <option value="">{t('options_choose')}</option>
              {platforms.map((p) => (
                <option key={p} value={p}>
                  {platformName(p, t)}
                </option>
              ))}
            </select>
          </Field>
        ) : null}

        {draft.scopeKind === 'account' ? (
          <Field
            id="target-account"
            label={t('options_target_account')}
            hint={t('options_target_account_hint')}
            error={errors.accountId}
          >
            <input
              type="text"
              value={draft.accountId}
              list="target-account-ids"
              autoComplete="off"
              onChange={(e) => onChange({ accountId: e.target.value, entityKey: '' })}
              {...described('target-account', true, errors.accountId)}
            />
            <datalist id="target-account-ids">
              {platformAccounts.map((a) => (
                <option key={a.accountId} value={a.accountId}>
                  {a.accountName ?? a.accountId}
                </option>
              ))}
            </datalist>
          </Field>
        ) : null}

        {draft.scopeKind === 'campaign' ? (
          <EntityPicker
            id="target-entity"
            label={t('options_target_campaign')}
            hint={t('options_picker_hint')}
            // Picking sets the platform, the account and the entity at once: one error for the three.
            error={errors.entityKey ?? errors.accountId ?? errors.platform}
            choices={entities}
            value={findEntity(entities, draft)}
            onPick={(choice) =>
              onChange(
                choice
                  ? { platform: choice.platform, accountId: choice.accountId, entityKey: choice.entityKey }
                  : { entityKey: '' },
              )
            }
          />
        ) : null}

        <Field
          id="target-tolerance"
          label={t('options_target_tolerance')}
          hint={t('options_target_tolerance_hint')}
          error={errors.tolerance}
        >
          <input
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={draft.tolerance}
            onChange={(e) => onChange({ tolerance: e.target.value })}
            {...described('target-tolerance', true, errors.tolerance)}
          />
        </Field>

        <div className="field check">
          <input
            id="target-muted"
            type="checkbox"
            checked={draft.muted}
            onChange={(e) => onChange({ muted: e.target.checked })}
          />
          <label htmlFor="target-muted">{t('options_target_muted')}</label>
        </div>
      </div>

      <p role="status" className="live-counts">
        {counts ? (
          <LiveCounts counts={counts} locale={locale} />
        ) : (
          <span className="muted">{t('options_target_counts_pending')}</span>
        )}
      </p>

      <div className="buttons">
        <button type="submit">{draft.id ? t('options_target_save') : t('options_target_add')}</button>
        {draft.id ? (
          <button type="button" onClick={onCancel}>
            {t('options_cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Counts by status; `intro` replaces the "of N current entities" lead (a group's sum of its targets). */
export function LiveCounts({
  counts,
  locale,
  intro,
  compact = false,
}: {
  counts: StatusCounts;
  locale: string;
  intro?: string;
  /** Only the statuses that occur (a row of the list; the group's sum above it shows all four). */
  compact?: boolean;
}) {
  if (counts.total === 0 && intro === undefined)
    return <span className="muted">{t('options_target_counts_none')}</span>;
  return (
    <span className="counts">
      <span>{intro ?? t('options_target_counts_intro', formatNumber(counts.total, locale))}</span>{' '}
      {(['on-track', 'at-risk', 'off-track', 'unknown'] as const)
        .filter((s) => !compact || counts[s] > 0)
        .map((s) => (
          <span key={s} className="count" data-count-status={s}>
            <StatusBadge status={s} /> <strong>{formatNumber(counts[s], locale)}</strong>
          </span>
        ))}
    </span>
  );
}
