import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { TIMER_ATTEMPTS } from '../effects/timers.js';
import { jsonb } from '../jsonb.js';
import type { DefinitionRow } from '../rows.js';

/**
 * A definition's start events that wait outside any instance: message and signal start events (by name) and timer
 * start events (a job). Only the latest version of a process has them.
 */

/** Drops the start event subscriptions and start timers of a process's other versions (a newer one was deployed). */
export async function dropEarlierStartEvents(tx: Db, definition: DefinitionRow): Promise<void> {
  const earlier = `SELECT id FROM process_definitions WHERE process_id = $1 AND department = $2 AND id <> $3`;
  const params = [definition.process_id, definition.department, definition.id];
  await tx.query(`DELETE FROM start_event_subscriptions WHERE definition_id IN (${earlier})`, params);
  await tx.query(`DELETE FROM jobs WHERE kind = 'timer-start' AND definition_id IN (${earlier})`, params);
}

/** A message or signal start event of `definition`, found by its name when the message or signal comes. */
export async function insertStartEventSubscription(tx: Db, definition: DefinitionRow, start: { elementId: string; kind: string; name: string }): Promise<void> {
  await tx.query(
    'INSERT INTO start_event_subscriptions (definition_id, element_id, department, process_id, kind, name) VALUES ($1, $2, $3, $4, $5, $6)',
    [definition.id, start.elementId, definition.department, definition.process_id, start.kind, start.name],
  );
}

/** A timer start event's job, due at its first time (`repetitionsLeft`: a cycle's, null for unbounded or none). */
export async function insertStartTimer(tx: Db, definition: DefinitionRow, timer: { elementId: string; dueAt: Date; repetitionsLeft: number | null }, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO jobs (id, kind, instance_id, definition_id, department, element_id, type, state, retries, due_at, payload, created_at)
       VALUES ($1, 'timer-start', NULL, $2, $3, $4, 'timer-start', 'activatable', $8, $5, $6, $7)`,
    [randomUUID(), definition.id, definition.department, timer.elementId, timer.dueAt, jsonb({ repetitionsLeft: timer.repetitionsLeft }), now, TIMER_ATTEMPTS],
  );
}

/** The definitions (with their start event) whose message or signal start event of that name is registered, by process. */
export function definitionsStartedBy(tx: Db, department: string, kind: 'message' | 'signal', eventName: string): Promise<Array<DefinitionRow & { element_id: string }>> {
  return tx.query<DefinitionRow & { element_id: string }>(
    `SELECT d.*, s.element_id FROM start_event_subscriptions s JOIN process_definitions d ON d.id = s.definition_id
     WHERE s.department = $1 AND s.kind = $2 AND s.name = $3 ORDER BY d.process_id`,
    [department, kind, eventName],
  );
}
