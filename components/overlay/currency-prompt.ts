import { t } from '@/lib/i18n';
import type { CurrencyAnswer, CurrencyPrompt } from '@/lib/overlay/currency-prompt';
import { el } from './el';

/**
 * The panel's currency question ("This account's amounts are in USD?"): Confirm, Choose another (a native
 * select of ISO codes, so keyboard and screen readers work as everywhere), Don't ask again. Made once and
 * updated in place, like the panel's bar, so focus survives the readings that redraw the panel several
 * times a second. Escape while choosing goes back to the question (focus on "Choose another"). The answer
 * is sent by the caller; the question goes away when the settings say it was answered, in every tab.
 */

export interface CurrencyPromptProps {
  prompt: CurrencyPrompt | null;
  onAnswer(answer: CurrencyAnswer): Promise<void>;
  /** Where focus goes when the question goes away while it had focus (the panel's bar). */
  focusAfter(): void;
}

export interface CurrencyPromptView {
  readonly element: HTMLElement;
  update(props: CurrencyPromptProps): void;
}

const QUESTION_ID = 'kpi-lens-currency-question';
const SELECT_ID = 'kpi-lens-currency-select';

// eslint-disable-next-line max-lines-per-function -- one small widget whose parts share its state (mode, pending answer, the account it asks about)
export function createCurrencyPrompt(doc: Document): CurrencyPromptView {
  let props: CurrencyPromptProps | null = null;
  let shownKey: string | null = null;
  let pending = false;

  const question = el(doc, 'strong', { id: QUESTION_ID });
  const explanation = el(doc, 'p', { class: 'detail' });
  const confirm = el(doc, 'button', { type: 'button', class: 'primary', onclick: () => answerAssumed() });
  const choose = el(doc, 'button', { type: 'button', onclick: () => setChoosing(true) });
  const dismiss = el(doc, 'button', { type: 'button', onclick: () => send({ kind: 'dismiss' }) });
  const asking = el(doc, 'div', { class: 'prompt-actions' }, confirm, choose, dismiss);

  const label = el(doc, 'label', { for: SELECT_ID });
  const likely = el(doc, 'optgroup');
  const others = el(doc, 'optgroup');
  const select = el(doc, 'select', { id: SELECT_ID }, likely, others);
  const save = el(doc, 'button', { type: 'button', class: 'primary', onclick: () => answerChosen() });
  const cancel = el(doc, 'button', { type: 'button', onclick: () => setChoosing(false) });
  const choosing = el(
    doc,
    'div',
    { class: 'prompt-choose' },
    label,
    el(doc, 'div', { class: 'prompt-actions' }, select, save, cancel),
  );
  const error = el(doc, 'p', { class: 'prompt-error', role: 'alert' });

  const element = el(
    doc,
    'div',
    { class: 'prompt', role: 'group', 'aria-labelledby': QUESTION_ID, 'data-kind': 'currency' },
    el(doc, 'p', null, question),
    explanation,
    asking,
    choosing,
    error,
  );
  element.hidden = true;
  choosing.hidden = true;
  error.hidden = true;

  element.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || choosing.hidden) return;
    // The panel's shadow root keeps the key from the page (isolateEvents); the question stays asked.
    event.preventDefault();
    event.stopPropagation();
    setChoosing(false);
  });

  function setChoosing(on: boolean): void {
    choosing.hidden = !on;
    asking.hidden = on;
    (on ? select : choose).focus();
  }

  function answerAssumed(): void {
    if (props?.prompt) send({ kind: 'set', currency: props.prompt.assumed });
  }

  function answerChosen(): void {
    if (select.value) send({ kind: 'set', currency: select.value });
  }

  function send(answer: CurrencyAnswer): void {
    if (!props?.prompt || pending) return;
    pending = true;
    element.setAttribute('aria-busy', 'true');
    error.hidden = true;
    props.onAnswer(answer).then(
      () => {
        pending = false;
        element.removeAttribute('aria-busy');
      },
      (e: unknown) => {
        pending = false;
        element.removeAttribute('aria-busy');
        error.textContent = t('overlay_currency_failed', e instanceof Error ? e.message : String(e));
        error.hidden = false;
      },
    );
  }

  function fill(group: HTMLOptGroupElement, codes: readonly string[]): void {
    group.replaceChildren(...codes.map((c) => el(doc, 'option', { value: c }, c)));
  }

  return {
    element,
    update(next) {
      props = next;
      const { prompt } = next;
      if (!prompt) {
        const hadFocus = element.contains(focusedIn(element));
        element.hidden = true;
        shownKey = null;
        if (hadFocus) next.focusAfter();
        return;
      }
      if (prompt.key !== shownKey) {
        // Another account (or the first question): start from the question, with its own choices.
        shownKey = prompt.key;
        fill(likely, prompt.likely);
        fill(others, prompt.others);
        select.value = prompt.assumed;
        choosing.hidden = true;
        asking.hidden = false;
        error.hidden = true;
      }
      question.textContent = prompt.question;
      explanation.textContent = prompt.explanation;
      confirm.textContent = t('overlay_currency_confirm');
      choose.textContent = t('overlay_currency_choose');
      dismiss.textContent = t('overlay_currency_dismiss');
      label.textContent = t('overlay_currency_select_label');
      likely.label = t('overlay_currency_group_likely');
      others.label = t('overlay_currency_group_all');
      save.textContent = t('overlay_currency_save');
      cancel.textContent = t('overlay_currency_cancel');
      element.hidden = false;
    },
  };
}

/** The focused element of the tree `node` is in: its shadow root's (the document sees only the host). */
function focusedIn(node: Node): Element | null {
  const root = node.getRootNode() as Partial<DocumentOrShadowRoot>;
  return root.activeElement ?? null;
}
