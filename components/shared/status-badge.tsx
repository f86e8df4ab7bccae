import type { TargetStatus } from '@/lib/kpi/targets';
import { t } from '@/lib/i18n';
import { STATUS_KEYS, STATUS_SYMBOLS } from '@/lib/ui/display';

/** A status in colour, symbol and words: readable without colour and by screen readers. */
export function StatusBadge({ status }: { status: TargetStatus }) {
  return (
    <span className={`status status-${status}`} data-status={status}>
      <span aria-hidden="true" className="status-symbol">
        {STATUS_SYMBOLS[status]}
      </span>
      {t(STATUS_KEYS[status])}
    </span>
  );
}
