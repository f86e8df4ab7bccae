import type { ReactNode } from 'react';
import { t, type MessageKey } from '@/lib/i18n';

/**
 * A labelled form control with an optional hint and error, wired with `htmlFor` / `aria-describedby`,
 * so the label stays the control's name and the hint and error are its description.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: MessageKey;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {t(error)}
        </span>
      ) : null}
    </div>
  );
}

/** The `aria-describedby` / `aria-invalid` props of a control inside a `Field`. */
export function described(id: string, hint: boolean, error: MessageKey | undefined) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { id, 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined } as const;
}
