import { useMemo, useState } from 'react';
import { t } from '@/lib/i18n';
import type { Target, TargetKpi } from '@/lib/kpi/targets';
import type { Snapshot } from '@/lib/model';
import type { CurrentSet } from '@/lib/ui/current';
import {
  DIRECTION_SYMBOL,
  formatKpiValue,
  KPI_NAME_KEYS,
  kpiShortLabel,
  targetScopeText,
  type ScopeNames,
} from '@/lib/ui/display';
import type { GoalSettings } from '@/lib/ui/goals';
import {
  campaignChoices,
  draftOf,
  emptyDraft,
  liveCounts,
  newTargetId,
  parseDraft,
  withKpi,
  type DraftErrors,
  type TargetDraft,
} from '@/lib/ui/target-form';
import { LiveCounts, TargetForm, type AccountChoice } from './target-form';

/** The targets editor: the list with live counts, and the add / edit form (state lives here). */
// eslint-disable-next-line max-lines-per-function -- the editor's state (list, form, undo) lives here by design; its list and form JSX could move to child components
export function TargetsSection({
  targets,
  latest,
  sets,
  accounts,
  goalSettings,
  now,
  locale,
  names,
  save,
  remove,
}: {
  targets: readonly Target[];
  latest: readonly Snapshot[];
  sets: readonly CurrentSet[];
  /** Accounts with the campaigns seen in them (the "one campaign" picker's choices). */
  accounts: readonly (AccountChoice & { campaigns: Readonly<Record<string, { name: string | null }>> })[];
  goalSettings: GoalSettings;
  now: number;
  locale: string;
  names: ScopeNames;
  save(target: Target): Promise<void>;
  remove(id: string): Promise<void>;
}) {
  const [draft, setDraft] = useState<TargetDraft>(() => emptyDraft());
  const [errors, setErrors] = useState<DraftErrors>({});
  const [message, setMessage] = useState('');
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  // The live count follows the form as typed, whenever it parses.
  const preview = useMemo(() => parseDraft(draft, () => 'preview', locale), [draft, locale]);
  const counts = useMemo(
    () => (preview.ok ? liveCounts(preview.target, sets, latest, goalSettings, now) : null),
    [preview, sets, latest, goalSettings, now],
  );
  const listCounts = useMemo(
    () => new Map(targets.map((target) => [target.id, liveCounts(target, sets, latest, goalSettings, now)])),
    [targets, sets, latest, goalSettings, now],
  );

  const change = (update: Partial<TargetDraft>) => {
    setDraft((d) => ({ ...d, ...update }));
    setErrors({});
  };
  const submit = async () => {
    const parsed = parseDraft(draft, newTargetId, locale);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setMessage(t('options_target_invalid'));
      return;
    }
    try {
      await save(parsed.target);
      setMessage(draft.id ? t('options_target_saved') : t('options_target_added'));
      setDraft(emptyDraft(draft.kpi));
      setErrors({});
    } catch (error) {
      setMessage(t('options_save_failed', error instanceof Error ? error.message : String(error)));
    }
  };

  return (
    <section aria-labelledby="targets-title" id="targets">
      <h2 id="targets-title">{t('options_targets_title')}</h2>
      <p className="muted">{t('options_targets_intro')}</p>
      {targets.length === 0 ? (
        <p>{t('options_targets_none')}</p>
      ) : (
        <table className="targets">
          <caption className="sr-only">{t('options_targets_title')}</caption>
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
            {targets.map((target) => {
              const label = kpiShortLabel(target.kpi, t);
              return (
                <tr key={target.id} data-target-id={target.id}>
                  <th scope="row">
                    <abbr title={t(KPI_NAME_KEYS[target.kpi])}>{label}</abbr>
                    {target.muted ? (
                      <span className="muted small"> · {t('options_target_muted_short')}</span>
                    ) : null}
                  </th>
                  <td>
                    {DIRECTION_SYMBOL[target.direction]}{' '}
                    {formatKpiValue(target.kpi, target.value, target.currency, locale)}
                    {target.period ? (
                      <span className="muted small">
                        {' '}
                        /{' '}
                        {t(
                          target.period === 'day'
                            ? 'options_target_period_day'
                            : 'options_target_period_month',
                        )}
                      </span>
                    ) : null}
                  </td>
                  <td>{targetScopeText(target.scope, t, names)}</td>
                  <td>
                    <LiveCounts counts={listCounts.get(target.id)!} locale={locale} />
                  </td>
                  <td className="actions">
                    <button
                      type="button"
                      aria-label={t('options_target_edit_named', label)}
                      onClick={() => {
                        setDraft(draftOf(target));
                        setErrors({});
                        document.getElementById('target-kpi')?.focus();
                      }}
                    >
                      {t('options_edit')}
                    </button>
                    {confirmDelete === target.id ? (
                      <>
                        <button
                          type="button"
                          className="danger"
                          onClick={() =>
                            void remove(target.id).then(() => {
                              setConfirmDelete(null);
                              setMessage(t('options_target_deleted'));
                              if (draft.id === target.id) setDraft(emptyDraft());
                            })
                          }
                        >
                          {t('options_confirm_delete')}
                        </button>
                        <button type="button" onClick={() => setConfirmDelete(null)}>
                          {t('options_cancel')}
                        </button>
                      </>
                    ) : (
                      <button
                        type="button"
                        aria-label={t('options_target_delete_named', label)}
                        onClick={() => setConfirmDelete(target.id)}
                      >
                        {t('options_delete')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <TargetForm
        draft={draft}
        errors={errors}
        accounts={accounts}
        campaigns={campaignChoices(accounts, draft.platform, draft.accountId)}
        counts={counts}
        locale={locale}
        onChange={change}
        onKpiChange={(kpi: TargetKpi) => change(withKpi(draft, kpi))}
        onSubmit={() => void submit()}
        onCancel={() => {
          setDraft(emptyDraft());
          setErrors({});
        }}
      />
      <p role="status" className="message">
        {message}
      </p>
    </section>
  );
}
