import { judgeEntities, judgeSettingsOf, shownKpisOf, type RowEvaluation } from '../kpi/judge';
import { judgedEntitiesOfReading, judgedEntityOf, type JudgedEntity } from '../kpi/projection';
import type { Target } from '../kpi/targets';
import type { Snapshot, TableReading } from '../model';
import type { Settings } from '../store/settings';

/**
 * What the worker judges for the toolbar badge and the notifications: the one projection
 * (lib/kpi/projection.ts) and the one judge (lib/kpi/judge.ts), with the user's settings — the same calls
 * the chips and the panel make, so the badge counts exactly the rows the chips show off track.
 */

export interface BackgroundJudge {
  /**
   * The rows of a reading judged — also when the reading could not be stored (e.g. no account id on the
   * page): only account-scoped targets cannot apply then.
   */
  reading(reading: TableReading): RowEvaluation[];
  /** The reading's entities (the one projection) and their verdicts, for the risk flags too. */
  readingEntities(reading: TableReading): { entities: JudgedEntity[]; evaluations: RowEvaluation[] };
  /** Stored rows judged (the entities' previous readings, for "newly off track"). */
  stored(rows: readonly Snapshot[]): RowEvaluation[];
}

export function backgroundJudge(
  settings: Settings,
  targets: readonly Target[],
  now: number,
  defaultTimeZone: string | null,
): BackgroundJudge {
  const judge = judgeSettingsOf(settings, now, defaultTimeZone);
  const shown = shownKpisOf(settings);
  const currencies = settings.accountCurrencies;
  const readingEntities = (reading: TableReading) => {
    const entities = judgedEntitiesOfReading(reading, currencies);
    return { entities, evaluations: judgeEntities(entities, targets, shown, judge) };
  };
  return {
    reading: (reading) => readingEntities(reading).evaluations,
    readingEntities,
    stored: (rows) =>
      judgeEntities(
        rows.map((r) => judgedEntityOf(r, currencies)),
        targets,
        shown,
        judge,
      ),
  };
}
