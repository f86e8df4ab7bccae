import { isKpiId, type KpiId } from '@/lib/kpi/definitions';
import { isMoneyTarget, TARGET_KPIS, type Target, type TargetKpi } from '@/lib/kpi/targets';
import type { MessageKey } from '@/lib/i18n';
import { adoptStyles, CHIP_HOST_TAG, ENTITY_ATTR, OVERLAY_ATTR } from '@/lib/overlay/chip-dom';
import { EDITOR_CSS } from '@/lib/overlay/chip-styles';
import type { Translate } from '@/lib/overlay/explain';
import {
  editorDraft,
  editorScopes,
  initialScope,
  nextDraft,
  isTargetKpi,
  targetAt,
  type ChipTargetContext,
  type EditorScope,
} from '@/lib/overlay/target-editor';
import { DIRECTION_SYMBOL, LEVEL_KEYS, platformName } from '@/lib/ui/display';
import {
  draftOf,
  newTargetId,
  parseDraft,
  targetKpiLabel,
  valueUnit,
  type DraftErrors,
  type TargetDraft,
} from '@/lib/ui/target-form';
import { el } from './el';
import { chipOf } from './tooltip';

/**
 * Targets set where the numbers are: clicking a chip (or Enter / Space on it) opens a small form beside it —
 * KPI, at most / at least, value (pre-filled from the row, in its currency), where it applies (this row, its
 * account, its platform, everywhere) and tolerance. It is the options page's target form (the same draft and
 * validation), saved through the worker; the chips it changes update as soon as it is saved. Escape or Cancel
 * closes it and puts the focus back on the chip. One editor per page, listening once on the document.
 */

export interface TargetEditorDeps {
  /** The chip's row as the editor needs it, or null when that row is no longer in the reading. */
  contextOf(entityKey: string, kpi: KpiId): ChipTargetContext | null;
  /** Saves through the worker; throws with a message the user can read. */
  save(target: Target): Promise<void>;
  t: Translate;
  locale(): string;
}

export interface TargetEditor {
  /**
   * Opens the editor beside `anchor` (the panel's KPI of a totals line) for `ctx`; closing it with Escape,
   * Cancel or Save calls `refocus`, which puts the focus back where the user was.
   */
  openFor(anchor: HTMLElement, ctx: ChipTargetContext, refocus: () => void): void;
  destroy(): void;
  readonly isOpen: boolean;
}

interface Opened {
  ctx: ChipTargetContext;
  draft: TargetDraft;
  /** Puts the focus back where it was (found again: the chip or the panel may have been redrawn meanwhile). */
  refocus(): void;
}

const EDITABLE_KPIS = TARGET_KPIS.filter((k) => k !== 'budget');

/** The row and KPI a chip (or a compact chip: its row's first KPI) sets a target for. */
function chipTarget(chip: HTMLElement): { entityKey: string; kpi: KpiId } | null {
  const root = chip.getRootNode();
  const entityKey = root instanceof ShadowRoot ? root.host.getAttribute(ENTITY_ATTR) : null;
  const kpi = chip.dataset.kpi ?? chip.dataset.editKpi;
  return entityKey && kpi && isKpiId(kpi) && isTargetKpi(kpi) ? { entityKey, kpi } : null;
}

/** The chip of `entityKey` and `kpi` as it is on the page now (or the row's compact chip). */
function findChip(doc: Document, entityKey: string, kpi: KpiId): HTMLElement | null {
  for (const host of doc.querySelectorAll<HTMLElement>(CHIP_HOST_TAG)) {
    if (host.getAttribute(ENTITY_ATTR) !== entityKey) continue;
    const root = host.shadowRoot;
    const chip = root?.querySelector<HTMLElement>(`.chip[data-kpi="${kpi}"]`);
    const sum = root?.querySelector<HTMLElement>('.sum');
    // The visible one: inline and under-the-name hosts show the chips, overlay hosts the compact chip.
    if (chip && chip.getClientRects().length > 0) return chip;
    if (sum && sum.getClientRects().length > 0) return sum;
  }
  return null;
}

/** The editor's own host: a shadow root with a (top-layer, where supported) dialog, hidden until opened. */
function editorHost(doc: Document): {
  host: HTMLElement;
  root: ShadowRoot;
  dialog: HTMLElement;
  popover: boolean;
} {
  const host = doc.createElement('kpi-lens-editor');
  host.setAttribute(OVERLAY_ATTR, 'editor');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, EDITOR_CSS, null);
  const dialog = el(doc, 'div', { class: 'editor', role: 'dialog', 'aria-modal': 'false' });
  dialog.hidden = true;
  const popover = typeof (dialog as Partial<HTMLElement>).showPopover === 'function';
  if (popover) dialog.setAttribute('popover', 'manual');
  root.append(dialog);
  (doc.body ?? doc.documentElement).append(host);
  return { host, root, dialog, popover };
}

interface EditorEvents {
  /** A chip was clicked, or Enter / Space pressed on it. */
  activate(chip: HTMLElement): void;
  /** Escape inside the editor. */
  escape(): void;
  /** A pointer went down outside the editor and every chip. */
  outside(): void;
}

/** Listens once on the document (events from the chips' shadow roots arrive retargeted to their host). */
function listenForChips(doc: Document, dialog: HTMLElement, on: EditorEvents, signal: AbortSignal): void {
  const onActivate = (event: Event) => {
    if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
    const chip = chipOf(event);
    if (!chip) return;
    event.preventDefault();
    on.activate(chip);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && event.composedPath().includes(dialog)) {
      event.stopPropagation();
      on.escape();
    }
  };
  const onPointer = (event: Event) => {
    if (!event.composedPath().includes(dialog) && !chipOf(event)) on.outside();
  };
  const listen = { capture: true, signal };
  doc.addEventListener('click', onActivate, listen);
  doc.addEventListener('keydown', onActivate, listen);
  doc.addEventListener('keydown', onKey, listen);
  doc.addEventListener('pointerdown', onPointer, listen);
}

/** Below the chip, or above it when there is no room below; inside the viewport across. */
function placeBeside(dialog: HTMLElement, chip: HTMLElement): void {
  const box = chip.getBoundingClientRect();
  const size = dialog.getBoundingClientRect();
  const view = chip.ownerDocument.documentElement;
  const below = box.bottom + 6;
  const top = below + size.height > view.clientHeight ? Math.max(4, box.top - 6 - size.height) : below;
  const left = Math.min(Math.max(4, box.left), Math.max(4, view.clientWidth - size.width - 4));
  dialog.style.top = `${Math.round(top)}px`;
  dialog.style.left = `${Math.round(left)}px`;
}

/** The focus back on the chip; a saved target redraws the row's chips on the next frames, so once more then. */
function refocusChip(doc: Document, entityKey: string, kpi: KpiId): void {
  findChip(doc, entityKey, kpi)?.focus();
  const again = () => {
    const active = doc.activeElement;
    if (!active || active === doc.body || active.localName !== CHIP_HOST_TAG)
      findChip(doc, entityKey, kpi)?.focus();
  };
  const view = doc.defaultView;
  view?.requestAnimationFrame(() => view.requestAnimationFrame(() => view.setTimeout(again, 50)));
}

/** The line under the form: saving, or why it could not be saved. */
function showStatus(root: ShadowRoot, text: string, isError: boolean): void {
  const line = root.getElementById('kl-error');
  if (!line) return;
  line.textContent = text;
  line.dataset.kind = isError ? 'error' : 'info';
}

export function createTargetEditor(doc: Document, deps: TargetEditorDeps): TargetEditor {
  const { host, root, dialog, popover } = editorHost(doc);
  let opened: Opened | null = null;

  function close(refocus: boolean): void {
    if (!opened) return;
    const was = opened;
    opened = null;
    if (popover && dialog.matches(':popover-open')) dialog.hidePopover();
    dialog.hidden = true;
    dialog.replaceChildren();
    if (refocus) was.refocus();
  }

  function open(chip: HTMLElement): void {
    const { entityKey, kpi } = chipTarget(chip) ?? {};
    if (!entityKey || !kpi) return;
    const ctx = deps.contextOf(entityKey, kpi);
    if (ctx) show(chip, ctx, () => refocusChip(doc, entityKey, kpi));
  }

  function show(anchor: HTMLElement, ctx: ChipTargetContext, refocus: () => void): void {
    opened = { ctx, draft: editorDraft(ctx, initialScope(ctx)), refocus };
    draw({});
    dialog.hidden = false;
    if (popover && !dialog.matches(':popover-open')) dialog.showPopover();
    placeBeside(dialog, anchor);
    const value = root.querySelector<HTMLInputElement>('#kl-value');
    value?.focus();
    value?.select();
  }

  function update(change: Partial<TargetDraft>): void {
    if (!opened) return;
    opened.draft = nextDraft(opened.ctx, opened.draft, change);
    if (change.kpi || change.scopeKind) {
      const focused = root.activeElement?.id;
      draw({});
      if (focused) root.getElementById(focused)?.focus();
    }
  }

  async function submit(): Promise<void> {
    if (!opened) return;
    const current = opened;
    const parsed = parseDraft(current.draft, newTargetId, deps.locale());
    if (!parsed.ok) return draw(parsed.errors);
    showStatus(root, deps.t('overlay_editor_saving'), false);
    try {
      await deps.save(parsed.target);
      if (opened === current) close(true);
    } catch (error) {
      if (opened !== current) return;
      const message = error instanceof Error ? error.message : String(error);
      showStatus(root, deps.t('overlay_editor_failed', message), true);
    }
  }

  const actions: FormActions = { update, submit, cancel: () => close(true) };
  function draw(errors: DraftErrors): void {
    if (!opened) return;
    dialog.replaceChildren(...editorForm(doc, opened.ctx, opened.draft, errors, deps.t, actions));
    dialog.setAttribute('aria-labelledby', 'kl-title');
    const first = Object.keys(errors)[0];
    if (first) root.getElementById(first === 'value' ? 'kl-value' : `kl-${first}`)?.focus();
  }

  const controller = new AbortController();
  const activate = (chip: HTMLElement, opener = () => open(chip)) => {
    close(false);
    opener();
  };
  // A click elsewhere on the page closes it, without moving the focus.
  const events = { activate, escape: () => close(true), outside: () => close(false) };
  listenForChips(doc, dialog, events, controller.signal);

  return {
    openFor: (anchor, ctx, refocus) => activate(anchor, () => show(anchor, ctx, refocus)),
    destroy() {
      controller.abort();
      close(false);
      host.remove();
    },
    get isOpen() {
      return opened !== null;
    },
  };
}

interface FormActions {
  update(change: Partial<TargetDraft>): void;
  submit(): Promise<void>;
  cancel(): void;
}

/** The unit a target value is typed in, as shown beside it. */
function unitText(draft: Pick<TargetDraft, 'kpi' | 'currency'>): string {
  const unit = valueUnit(draft.kpi);
  return unit === 'percent' ? '%' : unit === 'multiple' ? '×' : draft.currency;
}

function scopeLabel(ctx: ChipTargetContext, scope: EditorScope, t: Translate): string {
  if (scope === 'campaign') return t('overlay_editor_scope_entity', t(LEVEL_KEYS[ctx.level]));
  if (scope === 'account') return t('overlay_editor_scope_account');
  if (scope === 'platform') return t('overlay_editor_scope_platform', platformName(ctx.platform, t));
  return t('overlay_editor_scope_all');
}

function select(
  doc: Document,
  id: string,
  choices: readonly (readonly [string, string])[],
  chosen: string,
  onChange: (value: string) => void,
): HTMLSelectElement {
  return el(
    doc,
    'select',
    { id, onchange: (e) => onChange((e.target as HTMLSelectElement).value) },
    ...choices.map(([value, text]) => el(doc, 'option', { value, selected: value === chosen }, text)),
  );
}

function textInput(
  doc: Document,
  id: string,
  value: string,
  error: MessageKey | undefined,
  onInput: (value: string) => void,
  inputmode = 'decimal',
): HTMLInputElement {
  return el(doc, 'input', {
    id,
    value,
    inputmode,
    autocomplete: 'off',
    'aria-invalid': error ? 'true' : null,
    'aria-describedby': error ? 'kl-error' : null,
    oninput: (e) => onInput((e.target as HTMLInputElement).value),
  });
}

/** The labelled controls of the form, in a two-column grid. */
function formGrid(
  doc: Document,
  ctx: ChipTargetContext,
  draft: TargetDraft,
  errors: DraftErrors,
  t: Translate,
  update: FormActions['update'],
): HTMLElement {
  const field = (id: string, label: string, control: HTMLElement) => [
    el(doc, 'label', { for: id }, label),
    control,
  ];
  const kpis = EDITABLE_KPIS.map((k) => [k, targetKpiLabel(k)] as const);
  const directions = [
    ['atMost', t('options_target_at_most')],
    ['atLeast', t('options_target_at_least')],
  ] as const;
  const scopes = editorScopes(ctx).map((s) => [s, scopeLabel(ctx, s, t)] as const);
  const value = el(
    doc,
    'span',
    { class: 'value' },
    textInput(doc, 'kl-value', draft.value, errors.value, (v) => update({ value: v })),
    el(doc, 'span', { class: 'unit' }, unitText(draft)),
  );
  const currency = isMoneyTarget(draft.kpi)
    ? field(
        'kl-currency',
        t('options_target_currency'),
        textInput(
          doc,
          'kl-currency',
          draft.currency,
          errors.currency,
          (v) => update({ currency: v.toUpperCase() }),
          'text',
        ),
      )
    : [];
  return el(
    doc,
    'div',
    { class: 'grid' },
    ...field(
      'kl-kpi',
      t('options_target_kpi'),
      select(doc, 'kl-kpi', kpis, draft.kpi, (k) => update({ kpi: k as TargetKpi })),
    ),
    ...field(
      'kl-direction',
      t('options_target_direction'),
      select(doc, 'kl-direction', directions, draft.direction, (d) =>
        update({ direction: d as TargetDraft['direction'] }),
      ),
    ),
    ...field('kl-value', t('options_target_value'), value),
    ...currency,
    ...field(
      'kl-scope',
      t('options_target_scope'),
      select(doc, 'kl-scope', scopes, draft.scopeKind, (s) => update({ scopeKind: s as EditorScope })),
    ),
    ...field(
      'kl-tolerance',
      t('options_target_tolerance'),
      textInput(doc, 'kl-tolerance', draft.tolerance, errors.tolerance, (v) => update({ tolerance: v })),
    ),
  );
}

/** The form's nodes for a draft (drawn again whole when the KPI or the scope changes). */
function editorForm(
  doc: Document,
  ctx: ChipTargetContext,
  draft: TargetDraft,
  errors: DraftErrors,
  t: Translate,
  { update, submit, cancel }: FormActions,
): Node[] {
  const existing = targetAt(ctx, draft.scopeKind, draft.kpi);
  const was = existing ? draftOf(existing) : null;
  const wasText = was ? `${DIRECTION_SYMBOL[was.direction]} ${was.value} ${unitText(was)}`.trim() : '';
  // Saving from the form makes an example target the user's own (the form does not carry the label).
  const replaces = was
    ? t(existing?.example ? 'overlay_editor_replaces_example' : 'overlay_editor_replaces', wasText)
    : '';
  const firstError = errors.value ?? errors.currency ?? errors.tolerance;
  const grid = formGrid(doc, ctx, draft, errors, t, update);
  const form = el(
    doc,
    'form',
    {
      novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        void submit();
      },
    },
    grid,
    el(doc, 'p', { class: 'note' }, replaces),
    el(
      doc,
      'p',
      { class: 'error', id: 'kl-error', role: 'alert', 'data-kind': 'error' },
      firstError ? t(firstError) : '',
    ),
    el(
      doc,
      'div',
      { class: 'buttons' },
      el(doc, 'button', { type: 'button', onclick: () => cancel() }, t('overlay_editor_cancel')),
      el(doc, 'button', { type: 'submit' }, t('overlay_editor_save')),
    ),
  );
  return [
    el(doc, 'h2', { id: 'kl-title' }, t('overlay_editor_title')),
    el(doc, 'p', { class: 'who' }, ctx.entityName ?? ctx.entityKey),
    form,
  ];
}
