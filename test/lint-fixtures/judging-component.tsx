// A component that judges rows itself (what #16.1 forbids): test/lint/layering.test.ts lints this text as if
// it were components/popup/judging-component.tsx and expects every import below to be reported.
import { judgeEntity } from '@/lib/kpi/judge';
import { judgedEntitiesOfReading } from '../../lib/kpi/projection';
import { evaluateRows } from '@/lib/kpi/evaluate-rows';
import { evaluate } from '@/lib/kpi/targets';
import type { TableReading } from '@/lib/model';
import type { Target } from '@/lib/kpi/targets';

export function OffTrackCount({ reading, targets }: { reading: TableReading; targets: Target[] }) {
  const rows = judgedEntitiesOfReading(reading);
  const judged = rows.map((row) => judgeEntity(row, targets, ['cpa'], {}));
  const again = evaluateRows(rows, targets, ['cpa']);
  const first = evaluate(rows[0]?.metrics.spend, targets[0]!);
  return (
    <p>
      {judged.length} {again.length} {first.status}
    </p>
  );
}
