import { t } from '@/lib/i18n';
import type { TableComparisonText } from '@/lib/ui/comparison-text';
import type { CurrencyAnswer, CurrencyPrompt } from '@/lib/overlay/currency-prompt';
import type { BudgetBlock, EditableKpi, Fact, SummaryModel, TotalLine } from '@/lib/overlay/summary';
import { createCurrencyPrompt } from './currency-prompt';
import { append, el, type Child } from './el';

/**
 * The summary panel in the page's corner: one line while collapsed (what needs attention), the table's
 * totals against the targets, budgets, what was read and saved when open; below the bar, open or not, the
 * account's currency question while it is unanswered (currency-prompt.ts). Presentational: every text
 * comes from the model or the message catalogue. Plain DOM (the content script carries no UI framework):
 * the bar and the buttons are made once and updated in place, so keyboard focus survives every new
 * reading; the part between them is rebuilt from the model.
 */

export interface SummaryPanelProps {
  model: SummaryModel;
  platformLabel: string;
  collapsed: boolean;
  onToggle(): void;
  onHide(): void;
  onOpenOptions(): void;
  /** The account's currency question, shown open or collapsed until it is answered; null = none. */
  currencyPrompt?: CurrencyPrompt | null;
  onAnswerCurrency?(prompt: CurrencyPrompt, answer: CurrencyAnswer): Promise<void>;
  /** A totals line's KPI was clicked (or Enter / Space pressed on it): open the target editor beside it. */
  onEditTarget?(kpi: EditableKpi, anchor: HTMLElement): void;
  /**
   * A preview adapter could not read this page: "Map this table" starts the table picker here (#15.5), so that
   * the user maps the table as on any other site. Absent: no such offer.
   */
  onMapTable?(): void;
}

export interface SummaryPanel {
  /** The panel's root (a `<section>`), to put in a shadow root. */
  readonly element: HTMLElement;
  render(props: SummaryPanelProps): void;
  /** Focuses the KPI of the totals line of `kpi` (where the target editor returns the focus); false if none. */
  focusKpi(kpi: EditableKpi): boolean;
}

const EDIT_ATTR = 'data-edit-kpi';

/** The body's id (inside the panel's own shadow root, so it cannot clash with the page's ids). */
const BODY_ID = 'kpi-lens-panel-body';

function badge(doc: Document, line: Pick<TotalLine, 'status' | 'symbol' | 'statusText'>): HTMLElement {
  return el(
    doc,
    'span',
    { class: 'badge', 'data-status': line.status },
    el(doc, 'span', { 'aria-hidden': 'true' }, line.symbol),
    ` ${line.statusText}`,
  );
}

function facts(doc: Document, list: Fact[], className = 'facts'): HTMLElement {
  return el(
    doc,
    'dl',
    { class: className },
    ...list.map((f) =>
      el(doc, 'div', { class: 'fact' }, el(doc, 'dt', null, f.label), el(doc, 'dd', null, f.value)),
    ),
  );
}

/** The line's KPI: a button that opens the target editor where a target can be set for it. */
function lineLabel(doc: Document, line: TotalLine, onEdit: SummaryPanelProps['onEditTarget']): HTMLElement {
  const edit = line.edit;
  if (!edit || !onEdit) return el(doc, 'span', { class: 'label' }, line.label);
  const button = el(
    doc,
    'button',
    {
      type: 'button',
      class: 'label edit',
      [EDIT_ATTR]: edit.kpi,
      'aria-haspopup': 'dialog',
      title: t('overlay_panel_set_target', line.label),
      'aria-label': t('overlay_panel_set_target', line.label),
      onclick: () => onEdit(edit.kpi, button),
    },
    line.label,
  );
  return button;
}

function totalLine(doc: Document, line: TotalLine, onEdit: SummaryPanelProps['onEditTarget']): HTMLElement {
  return el(
    doc,
    'li',
    { 'data-kpi': line.kpi, 'data-status': line.status },
    el(
      doc,
      'div',
      { class: 'line-head' },
      lineLabel(doc, line, onEdit),
      el(doc, 'span', { class: 'value' }, line.value),
      line.status === 'none' ? null : badge(doc, line),
    ),
    line.detail ? el(doc, 'p', { class: 'detail' }, line.detail) : null,
  );
}

function budget(doc: Document, block: BudgetBlock): HTMLElement {
  return el(
    doc,
    'li',
    { class: 'budget', 'data-status': block.status },
    el(
      doc,
      'div',
      { class: 'line-head' },
      el(doc, 'span', { class: 'label' }, block.title),
      badge(doc, block),
    ),
    block.reason ? el(doc, 'p', { class: 'detail' }, block.reason) : null,
    facts(doc, block.facts, 'facts compact'),
  );
}

function listSection(doc: Document, title: string, className: string, items: HTMLElement[]): Child {
  if (items.length === 0) return null;
  return el(
    doc,
    'section',
    { 'aria-label': title },
    el(doc, 'h3', null, title),
    el(doc, 'ul', { class: className }, ...items),
  );
}

/** What the open panel shows between its bar and its buttons. */
function content(
  doc: Document,
  model: SummaryModel,
  onEdit: SummaryPanelProps['onEditTarget'],
  onMapTable: SummaryPanelProps['onMapTable'],
): Child[] {
  return [
    model.notRecognised
      ? el(
          doc,
          'div',
          { class: 'notice', role: 'status', 'data-kind': 'not-recognised' },
          el(doc, 'strong', null, t('overlay_not_recognised_title')),
          el(doc, 'p', null, model.notRecognised),
          onMapTable
            ? el(doc, 'button', { type: 'button', onclick: () => onMapTable() }, t('overlay_map_table'))
            : null,
        )
      : null,
    model.saveError
      ? el(
          doc,
          'div',
          { class: 'notice', role: 'alert', 'data-kind': 'save-error' },
          el(doc, 'strong', null, t('overlay_save_failed_title')),
          el(doc, 'p', null, model.saveError),
        )
      : null,
    model.waiting ? el(doc, 'p', { class: 'muted' }, t('overlay_waiting')) : null,
    model.partial.length > 0
      ? el(
          doc,
          'p',
          { class: 'partial' },
          el(doc, 'strong', null, t('overlay_partial_title')),
          ` ${model.partial.join('; ')}`,
        )
      : null,
    listSection(
      doc,
      t('overlay_totals_title'),
      'totals',
      model.totals.map((line) => totalLine(doc, line, onEdit)),
    ),
    listSection(
      doc,
      t('overlay_budgets_title'),
      'budgets',
      model.budgets.map((block) => budget(doc, block)),
    ),
    riskSection(doc, model.risks),
    comparisonSection(doc, model.comparison),
    model.facts.length > 0 ? facts(doc, model.facts) : null,
  ];
}

/**
 * The table against its previous period and its same period last year, worded as the popup words them: each
 * KPI now and then, the change, and whether it is better or worse in words (the colour only adds to it); a
 * period not stored says which range to open, with a link where the platform's URL carries the range.
 */
function comparisonSection(doc: Document, comparison: TableComparisonText | null): Child {
  if (!comparison) return null;
  const periods = comparison.periods.map((p) =>
    el(
      doc,
      'li',
      { class: 'compare-period', 'data-period': p.kind },
      el(doc, 'span', { class: 'label' }, p.title),
      p.missing ? el(doc, 'p', { class: 'detail' }, p.missing) : null,
      p.link
        ? el(
            doc,
            'a',
            { href: p.link.href, class: 'compare-link', target: '_blank', rel: 'noopener noreferrer' },
            p.link.text,
          )
        : null,
      p.rows.length > 0
        ? el(
            doc,
            'p',
            { class: 'detail' },
            `${t('common_compare_col_now')} · ${t('common_compare_col_then')} · ${t('common_compare_col_delta')} (${t('common_compare_col_change')})`,
          )
        : null,
      p.rows.length > 0
        ? el(
            doc,
            'ul',
            { class: 'compare-rows' },
            ...p.rows.map((r) =>
              el(
                doc,
                'li',
                { 'data-kpi': r.kpi, 'data-tone': r.tone },
                el(doc, 'strong', null, r.label),
                ` ${r.current} · ${r.other} · ${r.delta} (${r.change}) `,
                el(doc, 'span', { class: 'tone' }, r.toneText),
              ),
            ),
          )
        : null,
    ),
  );
  return listSection(doc, t('common_compare_title'), 'comparisons', periods);
}

/** Today's risk flags of the table's rows: the row's name, then each flag with the numbers behind it. */
function riskSection(doc: Document, risks: SummaryModel['risks']): Child {
  const items = risks.shown.map((risk) =>
    el(
      doc,
      'li',
      { class: 'risk' },
      el(doc, 'span', { class: 'label' }, `\u2691 ${risk.name}`),
      el(
        doc,
        'ul',
        { class: 'risk-flags' },
        ...risk.flags.map((f) =>
          el(doc, 'li', { 'data-rule': f.rule }, el(doc, 'strong', null, f.title), ` ${f.explanation}`),
        ),
      ),
    ),
  );
  if (risks.more > 0)
    items.push(el(doc, 'li', { class: 'muted' }, t('overlay_risk_more', String(risks.more))));
  return listSection(doc, t('common_risk_title'), 'risks', items);
}

export function createSummaryPanel(doc: Document): SummaryPanel {
  // The handlers of the latest render: the listeners below are attached once.
  let props: SummaryPanelProps | null = null;

  const title = el(doc, 'span', { class: 'title' });
  const headline = el(doc, 'span', { class: 'headline' });
  const chevron = el(doc, 'span', { class: 'chevron', 'aria-hidden': 'true' });
  const bar = el(
    doc,
    'button',
    { type: 'button', class: 'bar', 'aria-controls': BODY_ID, onclick: () => props?.onToggle() },
    el(doc, 'span', { class: 'logo', 'aria-hidden': 'true' }, '◎'),
    title,
    headline,
    chevron,
  );
  const main = el(doc, 'div');
  const hide = el(doc, 'button', { type: 'button', onclick: () => props?.onHide() });
  const options = el(doc, 'button', { type: 'button', onclick: () => props?.onOpenOptions() });
  const body = el(
    doc,
    'div',
    { class: 'body', id: BODY_ID },
    main,
    el(doc, 'div', { class: 'actions' }, hide, options),
  );
  const prompt = createCurrencyPrompt(doc);
  const section = el(doc, 'section', { class: 'panel' }, bar, body);

  function focusedEditKpi(): EditableKpi | null {
    // Inside a shadow root (the page) or a document (tests): both tell their focused element.
    const active = (section.getRootNode() as Document | ShadowRoot).activeElement;
    return active && main.contains(active) ? (active.getAttribute(EDIT_ATTR) as EditableKpi | null) : null;
  }

  function focusKpi(kpi: EditableKpi): boolean {
    const button = main.querySelector<HTMLElement>(`[${EDIT_ATTR}="${kpi}"]`);
    button?.focus();
    return button !== null;
  }

  return {
    element: section,
    focusKpi,
    render(next) {
      props = next;
      const { model, collapsed } = next;
      section.setAttribute('aria-label', model.title);
      section.dataset.collapsed = collapsed ? 'true' : 'false';
      bar.setAttribute('aria-expanded', collapsed ? 'false' : 'true');
      if (model.notRecognised || model.saveError) bar.dataset.attention = 'true';
      else delete bar.dataset.attention;
      title.textContent = model.title;
      headline.textContent = model.headline;
      chevron.textContent = collapsed ? '▴' : '▾';
      body.hidden = collapsed;
      // A closed panel draws nothing it does not show; opening it renders again. A KPI that had the focus
      // (the target editor just gave it back) keeps it in the redrawn line.
      const focusedKpi = focusedEditKpi();
      main.replaceChildren();
      if (!collapsed) append(main, content(doc, model, next.onEditTarget, next.onMapTable));
      if (focusedKpi) focusKpi(focusedKpi);
      hide.textContent = t('overlay_hide_on', next.platformLabel);
      options.textContent = t('overlay_open_options');
      const asked = next.currencyPrompt ?? null;
      prompt.update({
        prompt: asked,
        onAnswer: (answer) =>
          asked && next.onAnswerCurrency ? next.onAnswerCurrency(asked, answer) : Promise.resolve(),
        focusAfter: () => bar.focus(),
      });
      // In the panel only while asked: nothing hidden is left in the tab order or for readers to find.
      if (!asked) prompt.element.remove();
      else if (prompt.element.parentNode !== section) section.insertBefore(prompt.element, body);
    },
  };
}
