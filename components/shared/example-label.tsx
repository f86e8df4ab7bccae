import { t } from '@/lib/i18n';
import type { Target } from '@/lib/kpi/targets';

/** "Example" beside a target the demo profile came with, so that nobody takes it for their own. */
export function ExampleLabel({ target }: { target: Pick<Target, 'example'> }) {
  if (!target.example) return null;
  return (
    <span className="example-label" data-example="true" title={t('common_example_hint')}>
      {t('common_example')}
    </span>
  );
}
