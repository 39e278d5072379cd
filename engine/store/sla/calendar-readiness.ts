import type { Db } from '../../db/index.js';
import { YEAR_NOT_COVERED } from '../../time/errors.js';

/**
 * Running or paused clocks that have no deadline because a year's official schedule is missing (their stored error
 * says so), in one department or, for a reader of every department, in all.
 */
export async function clocksWaitingForCalendar(db: Db, scope: { everyDepartment: boolean; department: string }): Promise<number> {
  const [{ waiting }] = await db.query<{ waiting: number }>(
    `SELECT count(*)::int AS waiting FROM sla_clocks
     WHERE state <> 'stopped' AND due_at IS NULL AND error LIKE $1 AND ($2::boolean OR department = $3)`,
    [`%${YEAR_NOT_COVERED}%`, scope.everyDepartment, scope.department],
  );
  return waiting;
}
