import { useEffect, useRef } from 'react';
import { t, type MessageKey } from '@/lib/i18n';
import type { Target } from '@/lib/kpi/targets';
import {
  DIRECTION_SYMBOL,
  formatKpiValue,
  KPI_NAME_KEYS,
  kpiShortLabel,
  targetScopeText,
  type ScopeNames,
} from '@/lib/ui/display';
import { valueUnit, type DraftErrors, type StatusCounts, type TargetDraft } from '@/lib/ui/target-form';
import type { TargetGroup } from '@/lib/ui/target-list';
import { ExampleLabel } from '../shared/example-label';
import { LiveCounts } from './target-form';

const GROUP_KEYS: Record<TargetGroup['kind'], MessageKey> = {
  campaign: 'options_group_campaign',
  account: 'options_group_account',
  platform: 'options_group_platform',
  all: 'options_group_all',
};

/** The inline editor's state: the row's target as typed, its errors, and its live count as typed. */
export interface InlineEdit {
  id: string;
  draft: TargetDraft;
  errors: DraftErrors;
  /** null while what is typed is not a valid target. */
  counts: StatusCounts | null;
}

export interface RowActions {
  edit(target: Target): void;
  change(change: Partial<TargetDraft>): void;
  save(): void;
  cancel(): void;
  editAll(target: Target): void;
  remove(target: Target): void;
}

/** One group of targets (one kind of scope): its heading, the sum of its counts, and its table. */
export function TargetGroupTable({
  group,
  countsOf,
  names,
  locale,
  inline,
  actions,
}: {
  group: TargetGroup;
  countsOf(target: Target): StatusCounts;
  names: ScopeNames;
  locale: string;
  inline: InlineEdit | null;
  actions: RowActions;
}) {
  const titleId = `targets-group-${group.kind}`;
  return (
    <div className="target-group" data-scope-group={group.kind}>
      <h3 id={titleId}>
        {t(GROUP_KEYS[group.kind])} <span className="muted">({group.targets.length})</span>
      </h3>
      <p className="group-counts" data-group-counts={group.kind}>
        <LiveCounts counts={group.counts} locale={locale} intro={t('options_group_counts')} />
      </p>
      <table className="targets" aria-labelledby={titleId}>
        <thead>
          <tr>
            <th scope="col">{t('options_target_kpi')}</th>
            <th scope="col">{t('options_target_goal')}</th>
            <th scope="col">{t('options_target_scope')}</th>
            <th scope="col">{t('options_target_now')}</th>
            <th scope="col">
              <span className="sr-only">{t('options_actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {group.targets.map((target) => (
            <TargetRow
              key={target.id}
              target={target}
              counts={countsOf(target)}
              names={names}
              locale={locale}
              inline={inline?.id === target.id ? inline : null}
              actions={actions}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function goalText(target: Target, locale: string): React.ReactNode {
  return (
    <>
      {DIRECTION_SYMBOL[target.direction]} {formatKpiValue(target.kpi, target.value, target.currency, locale)}
      {target.period ? (
        <span className="muted small">
          {' '}
          / {t(target.period === 'day' ? 'options_target_period_day' : 'options_target_period_month')}
        </span>
      ) : null}
    </>
  );
}

function TargetRow({
  target,
  counts,
  names,
  locale,
  inline,
  actions,
}: {
  target: Target;
  counts: StatusCounts;
  names: ScopeNames;
  locale: string;
  inline: InlineEdit | null;
  actions: RowActions;
}) {
  const label = kpiShortLabel(target.kpi, t);
  return (
    <tr
      data-target-id={target.id}
      className={inline ? 'editing' : undefined}
      onKeyDown={
        inline
          ? (e) => {
              const control = (e.target as HTMLElement).tagName;
              if (e.key === 'Escape') actions.cancel();
              else if (e.key === 'Enter' && control === 'INPUT') actions.save();
              else return;
              e.preventDefault();
            }
          : undefined
      }
    >
      <th scope="row">
        <abbr title={t(KPI_NAME_KEYS[target.kpi])}>{label}</abbr>
        {target.muted ? <span className="muted small"> · {t('options_target_muted_short')}</span> : null}
        {target.example ? (
          <>
            {' '}
            <ExampleLabel target={target} />
          </>
        ) : null}
      </th>
      <td>{inline ? <InlineFields inline={inline} change={actions.change} /> : goalText(target, locale)}</td>
      <td>{targetScopeText(target.scope, t, names)}</td>
      <td>
        {inline && !inline.counts ? (
          <span className="muted">{t('options_target_counts_pending')}</span>
        ) : (
          <LiveCounts counts={inline?.counts ?? counts} locale={locale} compact />
        )}
      </td>
      <RowButtons target={target} label={label} editing={inline !== null} actions={actions} />
    </tr>
  );
}

/** The row's buttons: Edit and Delete, or, while it is edited inline, Save, Cancel and All fields. */
function RowButtons({
  target,
  label,
  editing,
  actions,
}: {
  target: Target;
  label: string;
  editing: boolean;
  actions: RowActions;
}) {
  return (
    <td className="actions">
      {editing ? (
        <>
          <button type="button" onClick={actions.save}>
            {t('options_target_save')}
          </button>
          <button type="button" onClick={actions.cancel}>
            {t('options_cancel')}
          </button>
          <button type="button" className="link" onClick={() => actions.editAll(target)}>
            {t('options_target_edit_full')}
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            data-action="edit"
            aria-label={t('options_target_edit_named', label)}
            onClick={() => actions.edit(target)}
          >
            {t('options_edit')}
          </button>
          <button
            type="button"
            aria-label={t('options_target_delete_named', label)}
            onClick={() => actions.remove(target)}
          >
            {t('options_delete')}
          </button>
        </>
      )}
    </td>
  );
}

/** The goal's fields in the row: direction, value, currency, period, tolerance, alerts. */
// eslint-disable-next-line max-lines-per-function -- a short list of labelled fields, flat on purpose
function InlineFields({ inline, change }: { inline: InlineEdit; change(c: Partial<TargetDraft>): void }) {
  const { draft, errors } = inline;
  const value = useRef<HTMLInputElement>(null);
  // The value is what one edits most: it has the focus when the row opens.
  useEffect(() => value.current?.focus(), []);
  const error = (id: string, key: MessageKey | undefined) =>
    key ? (
      <span id={`${id}-error`} className="field-error" role="alert">
        {t(key)}
      </span>
    ) : null;
  const invalid = (id: string, key: MessageKey | undefined) =>
    key ? ({ 'aria-invalid': true, 'aria-describedby': `${id}-error` } as const) : {};
  return (
    <div className="inline-fields">
      <label htmlFor="inline-direction" className="sr-only">
        {t('options_target_direction')}
      </label>
      <select
        id="inline-direction"
        value={draft.direction}
        onChange={(e) => change({ direction: e.target.value as TargetDraft['direction'] })}
      >
        <option value="atMost">{t('options_target_at_most')}</option>
        <option value="atLeast">{t('options_target_at_least')}</option>
      </select>
      <label htmlFor="inline-value" className="sr-only">
        {t('options_target_value')}
      </label>
      <input
        id="inline-value"
        ref={value}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        size={8}
        value={draft.value}
        onChange={(e) => change({ value: e.target.value })}
        {...invalid('inline-value', errors.value)}
      />
      {valueUnit(draft.kpi) === 'money' ? (
        <>
          <label htmlFor="inline-currency" className="small">
            {t('options_target_currency')}
          </label>
          <input
            id="inline-currency"
            type="text"
            maxLength={3}
            size={4}
            list="currency-codes"
            autoComplete="off"
            value={draft.currency}
            onChange={(e) => change({ currency: e.target.value.toUpperCase() })}
            {...invalid('inline-currency', errors.currency)}
          />
        </>
      ) : null}
      {draft.kpi === 'budget' ? (
        <>
          <label htmlFor="inline-period" className="sr-only">
            {t('options_target_period')}
          </label>
          <select
            id="inline-period"
            value={draft.period}
            onChange={(e) => change({ period: e.target.value as TargetDraft['period'] })}
          >
            <option value="month">{t('options_target_period_month')}</option>
            <option value="day">{t('options_target_period_day')}</option>
          </select>
        </>
      ) : null}
      <label htmlFor="inline-tolerance" className="small">
        {t('options_target_tolerance')}
      </label>
      <input
        id="inline-tolerance"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        size={4}
        value={draft.tolerance}
        onChange={(e) => change({ tolerance: e.target.value })}
        {...invalid('inline-tolerance', errors.tolerance)}
      />
      <span className="check">
        <input
          id="inline-muted"
          type="checkbox"
          checked={draft.muted}
          onChange={(e) => change({ muted: e.target.checked })}
        />
        <label htmlFor="inline-muted" className="small">
          {t('options_target_muted')}
        </label>
      </span>
      {error('inline-value', errors.value)}
      {error('inline-currency', errors.currency)}
      {error('inline-tolerance', errors.tolerance)}
      {error('inline-period', errors.period)}
    </div>
  );
}
