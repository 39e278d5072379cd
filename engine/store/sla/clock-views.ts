import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import type { SlaClockRow } from '../../sla/clock-row.js';
import { caseIdReadable, SqlParams } from '../../staff/access.js';
import { instant, keysetPage, type Page } from '../queries/page.js';

/** SLA clocks as they are read for display: a case's and a task's clocks, the 临期 / 超期 lists and the scrape counts. */

/** Every clock of a case, case clocks before task clocks, oldest first. */
export function clocksOfCase(db: Db, instanceId: string): Promise<SlaClockRow[]> {
  return db.query<SlaClockRow>('SELECT * FROM sla_clocks WHERE instance_id = $1 ORDER BY subject, created_at, kind', [instanceId]);
}

/** Every clock of a task, oldest first. */
export function clocksOfTask(db: Db, taskId: string): Promise<SlaClockRow[]> {
  return db.query<SlaClockRow>('SELECT * FROM sla_clocks WHERE task_id = $1 ORDER BY created_at', [taskId]);
}

/** Where a reopened case (重办) comes from, if it is one. */
export async function reopenOrigin(db: Db, instanceId: string): Promise<{ original_instance_id: string; root_instance_id: string; reopen_count: number } | undefined> {
  const [row] = await db.query<{ original_instance_id: string; root_instance_id: string; reopen_count: number }>(
    'SELECT original_instance_id, root_instance_id, reopen_count FROM case_reopens WHERE instance_id = $1',
    [instanceId],
  );
  return row;
}

/**
 * A page of the open clocks of the cases the actor may read, soonest deadline first (clocks without one, paused or
 * failed, last), narrowed by owner department, level and subject when given.
 */
export function openClocksPage(db: Db, actor: Actor, filter: { level?: string; subject?: string; department?: string; limit?: number; cursor?: string }): Promise<Page<SlaClockRow>> {
  const params = new SqlParams([filter.department ?? null, filter.level ?? null, filter.subject ?? null]);
  return keysetPage<SlaClockRow>(db, {
    columns: 'c.*',
    from: 'sla_clocks c',
    where: [
      "c.state <> 'stopped' AND ($1::text IS NULL OR c.department = $1) AND ($2::text IS NULL OR c.level = $2) AND ($3::text IS NULL OR c.subject = $3)",
      caseIdReadable(actor, 'c.instance_id', params),
    ],
    params,
    key: [
      { sql: "COALESCE(c.due_at, 'infinity')", cast: 'timestamptz', of: (clock) => (clock.due_at ? instant(clock.due_at) : 'infinity') },
      { sql: 'c.id', cast: 'uuid', of: (clock) => clock.id },
    ],
    descending: false,
    limit: filter.limit ?? 100,
    cursor: filter.cursor,
  });
}

/** How many clocks are open right now, by department, subject and level (every department's: for the metrics scrape). */
export function openClockCounts(db: Db): Promise<Array<{ department: string; subject: string; level: string; count: string | number }>> {
  return db.query<{ department: string; subject: string; level: string; count: string | number }>(
    `SELECT department, subject, level, count(*) AS count FROM sla_clocks WHERE state <> 'stopped' GROUP BY department, subject, level ORDER BY department, subject, level`,
  );
}
