import { useEffect, useMemo, useRef, useState } from 'react';
import { t } from '@/lib/i18n';
import type { Target, TargetKpi } from '@/lib/kpi/targets';
import type { Snapshot } from '@/lib/model';
import type { DeletedTarget } from '@/lib/store/targets';
import type { CurrentSet } from '@/lib/ui/current';
import { kpiShortLabel, type ScopeNames } from '@/lib/ui/display';
import type { GoalSettings } from '@/lib/ui/goals';
import {
  draftOf,
  emptyDraft,
  liveCounts,
  newTargetId,
  parseDraft,
  withKpi,
  type DraftErrors,
  type TargetDraft,
} from '@/lib/ui/target-form';
import { groupTargets, type EntityChoice } from '@/lib/ui/target-list';
import { TargetForm, type AccountChoice } from './target-form';
import { TargetGroupTable, type InlineEdit, type RowActions } from './target-rows';
import { UndoNotice, type Notice } from './undo-notice';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A row's Edit button, once the row is drawn again (after an inline edit, an undo). */
function editButtonOf(id: string): HTMLButtonElement | null {
  return document.querySelector<HTMLButtonElement>(
    `tr[data-target-id="${CSS.escape(id)}"] button[data-action="edit"]`,
  );
}

/**
 * The targets editor: the targets grouped by scope with their live counts, edited in their row, deleted
 * with an undo; and the add form. State lives here; what is shown is computed in lib/ui.
 */
// eslint-disable-next-line max-lines-per-function -- the editor's state (groups, inline edit, form, undo) lives here by design; the rows, form and notice are child components
export function TargetsSection({
  targets,
  latest,
  sets,
  accounts,
  entities,
  goalSettings,
  now,
  locale,
  names,
  save,
  remove,
  restore,
}: {
  targets: readonly Target[];
  latest: readonly Snapshot[];
  sets: readonly CurrentSet[];
  accounts: readonly AccountChoice[];
  /** The campaigns, ad sets and ads read so far, for the entity picker. */
  entities: readonly EntityChoice[];
  goalSettings: GoalSettings;
  now: number;
  locale: string;
  names: ScopeNames;
  save(target: Target): Promise<void>;
  remove(id: string): Promise<DeletedTarget | null>;
  restore(deleted: DeletedTarget): Promise<void>;
}) {
  const [draft, setDraft] = useState<TargetDraft>(() => emptyDraft());
  const [errors, setErrors] = useState<DraftErrors>({});
  const [message, setMessage] = useState('');
  const [inline, setInline] = useState<Omit<InlineEdit, 'counts'> | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  // The row whose Edit button takes the focus once it is drawn (after its inline edit closed, an undo).
  const focusRow = useRef<string | null>(null);

  const countsOf = (target: Target) => liveCounts(target, sets, latest, goalSettings, now);
  // The live count follows the form as typed, whenever it parses.
  const preview = useMemo(() => parseDraft(draft, () => 'preview', locale), [draft, locale]);
  const counts = useMemo(
    () => (preview.ok ? liveCounts(preview.target, sets, latest, goalSettings, now) : null),
    [preview, sets, latest, goalSettings, now],
  );
  const listCounts = useMemo(
    () => new Map(targets.map((target) => [target.id, countsOf(target)])),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- countsOf is these inputs
    [targets, sets, latest, goalSettings, now],
  );
  const groups = useMemo(() => groupTargets(targets, (t) => listCounts.get(t.id)), [targets, listCounts]);
  const inlineEdit = useMemo<InlineEdit | null>(() => {
    if (!inline) return null;
    const parsed = parseDraft(inline.draft, () => inline.id, locale);
    return { ...inline, counts: parsed.ok ? countsOf(parsed.target) : null };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- countsOf is these inputs
  }, [inline, locale, sets, latest, goalSettings, now]);

  useEffect(() => {
    if (notice?.undo) undoButton.current?.focus();
  }, [notice?.undo]);
  // After every commit: the row may be drawn only once the live query has read the saved target back.
  useEffect(() => {
    const button = focusRow.current && !inline ? editButtonOf(focusRow.current) : null;
    if (!button) return;
    button.focus();
    focusRow.current = null;
  });

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
      setMessage(t('options_save_failed', errorText(error)));
    }
  };

  const closeInline = (id: string) => {
    setInline(null);
    focusRow.current = id;
  };
  const saveInline = async () => {
    if (!inline) return;
    const parsed = parseDraft(inline.draft, () => inline.id, locale);
    if (!parsed.ok) {
      setInline({ ...inline, errors: parsed.errors });
      setMessage(t('options_target_invalid'));
      return;
    }
    try {
      await save(parsed.target);
      setMessage(t('options_target_saved'));
      closeInline(inline.id);
    } catch (error) {
      setMessage(t('options_save_failed', errorText(error)));
    }
  };
  const deleteOne = async (target: Target) => {
    try {
      const deleted = await remove(target.id);
      if (inline?.id === target.id) setInline(null);
      if (draft.id === target.id) setDraft(emptyDraft());
      const text = t('options_target_deleted_named', kpiShortLabel(target.kpi, t));
      setNotice(deleted ? { text, undo: deleted, failed: false } : { text, undo: null, failed: false });
    } catch (error) {
      setNotice({ text: t('options_delete_failed', errorText(error)), undo: null, failed: true });
    }
  };
  const undo = async (deleted: DeletedTarget) => {
    try {
      await restore(deleted);
      setNotice({ text: t('options_target_restored'), undo: null, failed: false });
      focusRow.current = deleted.id;
    } catch (error) {
      // The deleted target stays in the notice: Undo can be tried again, nothing is lost.
      setNotice({ text: t('options_restore_failed', errorText(error)), undo: deleted, failed: true });
    }
  };

  const actions: RowActions = {
    edit: (target) => setInline({ id: target.id, draft: draftOf(target), errors: {} }),
    change: (update) => setInline((i) => (i ? { ...i, draft: { ...i.draft, ...update }, errors: {} } : i)),
    save: () => void saveInline(),
    cancel: () => inline && closeInline(inline.id),
    editAll: (target) => {
      setInline(null);
      setDraft(draftOf(target));
      setErrors({});
      requestAnimationFrame(() => document.getElementById('target-kpi')?.focus());
    },
    remove: (target) => void deleteOne(target),
  };

  return (
    <section aria-labelledby="targets-title" id="targets">
      <h2 id="targets-title">{t('options_targets_title')}</h2>
      <p className="muted">{t('options_targets_intro')}</p>
      <UndoNotice
        notice={notice}
        buttonRef={undoButton}
        onUndo={(deleted) => void undo(deleted)}
        onExpire={() => setNotice(null)}
      />
      {targets.length === 0 ? <p>{t('options_targets_none')}</p> : null}
      {groups.map((group) => (
        <TargetGroupTable
          key={group.kind}
          group={group}
          countsOf={(target) => listCounts.get(target.id) ?? countsOf(target)}
          names={names}
          locale={locale}
          inline={inlineEdit}
          actions={actions}
        />
      ))}

      <TargetForm
        draft={draft}
        errors={errors}
        accounts={accounts}
        entities={entities}
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
