import { useEffect, useRef, useState, type Ref } from 'react';
import { t } from '@/lib/i18n';
import type { DeletedTarget } from '@/lib/store/targets';

/** How long a delete can be undone from the notice (the clock stops while it has the focus or the pointer). */
export const UNDO_MS = 10_000;

/** `T`: what was deleted (a target, a mapping), kept while the delete can be undone. */
export interface Notice<T = DeletedTarget> {
  text: string;
  /** The deleted thing while the delete can be undone. */
  undo: T | null;
  failed: boolean;
}

/**
 * The status line after a delete, with an Undo button for some seconds. The clock waits while the user is
 * on the notice (focus or pointer), so that a keyboard or screen-reader user has time to reach Undo.
 */
export function UndoNotice<T = DeletedTarget>({
  notice,
  buttonRef,
  onUndo,
  onExpire,
}: {
  notice: Notice<T> | null;
  buttonRef: Ref<HTMLButtonElement>;
  onUndo(deleted: T): void;
  onExpire(): void;
}) {
  const [held, setHeld] = useState(false);
  const undoable = notice?.undo ?? null;
  // The page re-renders often (live queries): the clock restarts only for a new notice or a release.
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  });
  useEffect(() => {
    // A failure stays until the next action: it must be read, and Undo may be tried again.
    if (!notice || held || notice.failed) return;
    const timer = setTimeout(() => expire.current(), UNDO_MS);
    return () => clearTimeout(timer);
  }, [notice, held]);
  return (
    <div
      className={`undo-notice${notice ? ' shown' : ''}${notice?.failed ? ' failed' : ''}`}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
    >
      {/* Both live regions are always there: one that appears with its text would not be read out. */}
      <span role="status">{notice && !notice.failed ? notice.text : ''}</span>
      <span role="alert">{notice?.failed ? notice.text : ''}</span>
      {undoable ? (
        <button type="button" ref={buttonRef} onClick={() => onUndo(undoable)}>
          {t('options_undo')}
        </button>
      ) : null}
    </div>
  );
}
