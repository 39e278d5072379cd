import type { Actor } from '../actor.js';
import type { Db } from '../db/index.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import { asUuid } from '../instances/lookups.js';
import type { InstanceRow } from '../store/rows.js';
import { computeDeadline, type BusinessCalendar } from '../time/index.js';
import { recordSlaEvent } from './sla-events.js';
import { closeOpenRectification, insertRectification, rectificationById, rectificationsOf, rectificationTimeLimitOf, type RectificationRow } from '../store/sla/rectifications.js';

export type { RectificationRow };

/** 整改 limit when the matter sets none (rectificationTimeLimit): 10 working days, an illustrative value. */
export const DEFAULT_RECTIFICATION_WORKING_DAYS = 10;

/** The working days a case's rectification gets: the matter's rectificationTimeLimit (in working days), else the default. */
async function rectificationLimit(tx: Db, instanceId: string): Promise<number> {
  const limit = await rectificationTimeLimitOf(tx, instanceId);
  if (limit && typeof limit.value === 'number' && limit.value > 0 && (limit.unit === 'workingDay' || limit.unit === undefined)) return Math.ceil(limit.value);
  return DEFAULT_RECTIFICATION_WORKING_DAYS;
}

/**
 * Opens a 整改 on a case, inside the caller's transaction (a 差评 with remedy rectify), with its time limit in working
 * days and the deadline that gives on the business calendar.
 */
export async function openRectification(tx: Db, input: { instance: Pick<InstanceRow, 'id' | 'department'>; actor: Actor; at: Date; reason: string; calendar: BusinessCalendar }): Promise<RectificationRow> {
  const days = await rectificationLimit(tx, input.instance.id);
  const deadline = computeDeadline(input.calendar, { start: input.at, duration: { kind: 'workingDays', days }, pauses: [], extensions: [] });
  const dueAt = deadline.ok ? deadline.value.dueAt : null;
  const row = await insertRectification(tx, { instanceId: input.instance.id, department: input.instance.department, reason: input.reason, openedBy: input.actor.userId, openedAt: input.at, limitWorkingDays: days, dueAt });
  await recordSlaEvent(tx, {
    instanceId: input.instance.id,
    department: input.instance.department,
    at: input.at,
    type: 'case.rectification.opened',
    actor: input.actor.userId,
    data: { rectificationId: row.id, reason: input.reason, limitWorkingDays: days, dueAt: dueAt?.toISOString() ?? null },
    notify: true,
  });
  return row;
}

/**
 * 整改 after a 差评: an open item of the department that owns the case, readable by whoever reads the case,
 * closed by that department with what was done (its outcome goes on the trail).
 */
export class Rectifications {
  constructor(private readonly engine: Engine) {}

  async ofCase(actor: Actor, instanceId: string): Promise<RectificationRow[]> {
    const instance = await this.engine.getInstance(actor, instanceId);
    return rectificationsOf(this.engine.db, instance.id);
  }

  async close(actor: Actor, id: string, input: { outcome: string }): Promise<RectificationRow> {
    const found = await rectificationById(this.engine.db, asUuid(id));
    if (!found) throw new EngineError('not-found', `Rectification ${id} not found`, `整改事项 ${id} 不存在`);
    const instance = await this.engine.ownedInstance(actor, found.instance_id);
    const now = this.engine.clock.now();
    return this.engine.db.transaction(async (tx) => {
      const row = await closeOpenRectification(tx, id, { closedBy: actor.userId, closedAt: now, outcome: input.outcome });
      if (!row) throw new EngineError('conflict', 'The rectification is already closed', '该整改事项已销号');
      await recordSlaEvent(tx, { instanceId: instance.id, department: instance.department, at: now, type: 'case.rectification.closed', actor: actor.userId, data: { rectificationId: id, outcome: input.outcome }, notify: true });
      return row;
    });
  }
}

/** 整改超期: still open past its deadline, or closed after it. */
export function rectificationOverdue(row: Pick<RectificationRow, 'due_at' | 'closed_at'>, now: Date): boolean {
  if (!row.due_at) return false;
  return new Date(row.closed_at ?? now).getTime() > new Date(row.due_at).getTime();
}
