import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import { isUniqueViolation } from '../db/index.js';
import type { InstanceRow } from '../store/rows.js';
import { recordSlaEvent } from './sla-events.js';

export const EVALUATION_RESULTS = ['满意', '基本满意', '不满意'] as const;
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];

export interface EvaluationRow {
  id: string;
  instance_id: string;
  department: string;
  result: EvaluationResult;
  comment: string | null;
  evaluated_by: string;
  evaluated_at: Date;
  reopen_requested: boolean;
  reopened_instance_id: string | null;
}

export interface EvaluationOutcome {
  evaluation: EvaluationRow;
  reopened: InstanceRow | null;
}

/**
 * The citizen's evaluation (回访评价) of a finished case, once per case. 不满意 reopens it (不满意重办) unless the
 * caller says otherwise: a new instance of the same process, linked to this one, with its own SLA clocks and a
 * reopen counter (written by the SLA extension in the new instance's start transaction).
 */
export class Evaluations {
  constructor(private readonly engine: Engine) {}

  async evaluate(actor: Actor, instanceId: string, input: { result: EvaluationResult; comment?: string; reopen?: boolean }): Promise<EvaluationOutcome> {
    // The department that owns the case records the citizen's evaluation (回访); others only read it.
    const instance = await this.engine.ownedInstance(actor, instanceId);
    if (instance.status !== 'completed') {
      throw new EngineError('conflict', `The case is ${instance.status}, not finished: only a finished case can be evaluated`, `案件尚未办结（状态：${instance.status}），不能评价`);
    }
    const reopen = input.result === '不满意' && input.reopen !== false;
    const now = this.engine.clock.now();
    let evaluation: EvaluationRow;
    try {
      evaluation = await this.engine.db.transaction(async (tx) => {
        const [row] = await tx.query<EvaluationRow>(
          `INSERT INTO case_evaluations (id, instance_id, department, result, comment, evaluated_by, evaluated_at, reopen_requested)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [randomUUID(), instance.id, instance.department, input.result, input.comment ?? null, actor.userId, now, reopen],
        );
        await recordSlaEvent(tx, {
          instanceId: instance.id,
          department: instance.department,
          at: now,
          type: 'case.evaluated',
          actor: actor.userId,
          data: { result: input.result, comment: input.comment ?? null, satisfied: input.result !== '不满意', reopen },
          notify: true,
        });
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new EngineError('conflict', 'The case has already been evaluated', '该案件已评价，不能重复评价');
      throw error;
    }
    const reopened = reopen ? await this.reopen(actor, instance) : null;
    return { evaluation: reopened ? { ...evaluation, reopened_instance_id: reopened.id } : evaluation, reopened };
  }

  async get(actor: Actor, instanceId: string): Promise<EvaluationRow | null> {
    await this.engine.getInstance(actor, instanceId);
    const [row] = await this.engine.db.query<EvaluationRow>('SELECT * FROM case_evaluations WHERE instance_id = $1', [instanceId]);
    return row ?? null;
  }

  /**
   * Starts the 重办 instance: the original's data, plus reopenOf / reopenCount. The business key is derived from
   * the original's, so a repeated request cannot start a second one.
   */
  async reopen(actor: Actor, original: InstanceRow): Promise<InstanceRow> {
    const [previous] = await this.engine.db.query<{ reopen_count: number }>('SELECT reopen_count FROM case_reopens WHERE instance_id = $1', [original.id]);
    const count = (previous?.reopen_count ?? 0) + 1;
    const variables = { ...(await this.engine.instanceVariables(original.id)), reopenOf: original.id, reopenCount: count };
    const businessKey = `${original.business_key ?? original.id}-重办`;
    return this.engine.startInstance({
      processId: original.process_id,
      businessKey,
      variables,
      ...(original.region_code ? { regionCode: original.region_code } : {}),
      actor: { userId: actor.userId, department: original.department, roles: actor.roles, ...(actor.groups ? { groups: actor.groups } : {}) },
    });
  }
}
