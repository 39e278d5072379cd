import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';

/** 延期申请: a unit's request for more time on a case, pending until the approver post decides it. */
export interface ExtensionRequestRow {
  id: string;
  instance_id: string;
  department: string;
  task_id: string | null;
  duration: unknown;
  reason: string;
  legal_basis: string | null;
  requested_by: string;
  requested_at: Date;
  state: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

/** Whether a case has a request waiting for a decision (a case has one at a time). */
export async function hasPendingExtensionRequest(db: Db, instanceId: string): Promise<boolean> {
  const [pending] = await db.query('SELECT 1 FROM extension_requests WHERE instance_id = $1 AND state = $2', [instanceId, 'pending']);
  return pending !== undefined;
}

/** A new pending request; `duration` as the requester gave it (stored as JSON text). */
export async function insertExtensionRequest(
  tx: Db,
  request: { instanceId: string; department: string; taskId: string | null; duration: unknown; reason: string; legalBasis: string | null; requestedBy: string; requestedAt: Date },
): Promise<ExtensionRequestRow> {
  const [row] = await tx.query<ExtensionRequestRow>(
    `INSERT INTO extension_requests (id, instance_id, department, task_id, duration, reason, legal_basis, requested_by, requested_at, state)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending') RETURNING *`,
    [randomUUID(), request.instanceId, request.department, request.taskId, JSON.stringify(request.duration), request.reason, request.legalBasis, request.requestedBy, request.requestedAt],
  );
  return row;
}

/** A case's requests, oldest first. */
export function extensionRequestsOf(db: Db, instanceId: string): Promise<ExtensionRequestRow[]> {
  return db.query<ExtensionRequestRow>('SELECT * FROM extension_requests WHERE instance_id = $1 ORDER BY requested_at', [instanceId]);
}

/** A request by id, if there is one. */
export async function extensionRequestById(db: Db, id: string): Promise<ExtensionRequestRow | undefined> {
  const [row] = await db.query<ExtensionRequestRow>('SELECT * FROM extension_requests WHERE id = $1', [id]);
  return row;
}

/** A request locked for its decision, so two deciders cannot both decide it. */
export async function lockExtensionRequest(tx: Db, id: string): Promise<ExtensionRequestRow> {
  const [row] = await tx.query<ExtensionRequestRow>('SELECT * FROM extension_requests WHERE id = $1 FOR UPDATE', [id]);
  return row;
}

/** Records a request's decision: the row as decided. */
export async function decideExtensionRequest(tx: Db, id: string, decision: { state: 'approved' | 'rejected'; decidedBy: string; decidedAt: Date; reason: string | null }): Promise<ExtensionRequestRow> {
  const [row] = await tx.query<ExtensionRequestRow>('UPDATE extension_requests SET state = $2, decided_by = $3, decided_at = $4, decision_reason = $5 WHERE id = $1 RETURNING *', [
    id,
    decision.state,
    decision.decidedBy,
    decision.decidedAt,
    decision.reason,
  ]);
  return row;
}
