import { useEffect, useMemo, useRef, useState } from 'react';
import { t, type MessageKey } from '@/lib/i18n';
import { LEVEL_KEYS, platformName } from '@/lib/ui/display';
import { entityChoiceKey, searchEntities, type EntityChoice } from '@/lib/ui/target-list';

const LIMIT = 30;

/** Level, platform and account of a choice, to tell apart entities of the same name. */
export function entityDetails(choice: EntityChoice): string {
  const account = choice.accountName ? `${choice.accountName} (${choice.accountId})` : choice.accountId;
  return `${t(LEVEL_KEYS[choice.level])} · ${platformName(choice.platform, t)} · ${account}`;
}

/**
 * A searchable entity picker (WAI-ARIA combobox with a listbox popup): typing filters the entities read so
 * far by name; ↓ ↑ move through the list (aria-activedescendant, the focus stays in the input), Enter
 * chooses, Escape closes the list. Names are shown as the pages showed them; the search is in lib/ui.
 */
// eslint-disable-next-line max-lines-per-function -- one combobox: its state, keys and popup belong together
export function EntityPicker({
  id,
  label,
  hint,
  error,
  choices,
  value,
  onPick,
}: {
  id: string;
  label: string;
  hint: string;
  error?: MessageKey;
  choices: readonly EntityChoice[];
  value: EntityChoice | null;
  onPick(choice: EntityChoice | null): void;
}) {
  const [text, setText] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const list = useRef<HTMLUListElement>(null);
  const results = useMemo(() => searchEntities(choices, text, LIMIT), [choices, text]);
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;

  // A pick made elsewhere (the form was reset, a target loaded into it) shows its name; the un-pick this
  // input makes itself when its text is edited must not empty what is being typed.
  const unpicked = useRef(false);
  const valueKey = value ? entityChoiceKey(value) : '';
  const valueName = value?.name ?? '';
  useEffect(() => {
    if (unpicked.current) unpicked.current = false;
    else setText(valueName);
  }, [valueKey, valueName]);
  useEffect(() => {
    if (open && active >= 0) list.current?.children[active]?.scrollIntoView?.({ block: 'nearest' });
  }, [open, active]);

  const pick = (choice: EntityChoice) => {
    setText(choice.name);
    setOpen(false);
    setActive(-1);
    onPick(choice);
  };
  const move = (step: number) => {
    if (results.length === 0) return;
    setOpen(true);
    setActive((a) =>
      a < 0 ? (step > 0 ? 0 : results.length - 1) : (a + step + results.length) % results.length,
    );
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Enter' && open && active >= 0 && results[active]) pick(results[active]);
    else if (e.key === 'Escape' && open) setOpen(false);
    else return;
    // Enter picks instead of submitting the form; Escape closes the list, not a dialog around it.
    e.preventDefault();
    e.stopPropagation();
  };

  const describedBy = [`${id}-hint`, value ? `${id}-chosen` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  const shown = open && results.length > 0;
  const status =
    choices.length === 0
      ? t('options_picker_empty')
      : text.trim() && results.length === 0
        ? t('options_picker_none', text.trim())
        : open
          ? t('options_picker_found', String(results.length))
          : '';
  return (
    <div className="field picker">
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      <div className="picker-box">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={listId}
          aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(e.target.value.trim() ? 0 : -1);
            if (value) {
              unpicked.current = true;
              onPick(null);
            }
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} ref={list} role="listbox" aria-labelledby={`${id}-label`} hidden={!shown}>
          {results.map((choice, i) => (
            <li
              key={entityChoiceKey(choice)}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // Keeps the focus in the input, so the click picks before the blur closes the list.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(choice)}
            >
              <span className="name">{choice.name}</span>{' '}
              <span className="muted small">{entityDetails(choice)}</span>
            </li>
          ))}
        </ul>
      </div>
      <span id={`${id}-hint`} className="muted small">
        {hint}
      </span>
      {value ? (
        <span id={`${id}-chosen`} className="small">
          {entityDetails(value)}
        </span>
      ) : null}
      <span className="sr-only" role="status">
        {status}
      </span>
      {status && !open ? <span className="muted small">{status}</span> : null}
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {t(error)}
        </span>
      ) : null}
    </div>
  );
}
