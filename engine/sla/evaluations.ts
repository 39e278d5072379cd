import type { Actor } from '../actor.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import { isUniqueViolation } from '../db/index.js';
import type { InstanceRow } from '../store/rows.js';
import type { CalendarCache } from './calendar-cache.js';
import { recordSlaEvent } from './sla-events.js';
import { openRectification, type RectificationRow } from './rectifications.js';
import { evaluationOf, insertEvaluation } from '../store/sla/case-evaluations.js';
import { reopenCount } from '../store/sla/case-reopens.js';

/** The national 好差评 scale (国办发〔2019〕51号), best first; 满意、基本满意、不满意 keep their meaning. */
export const EVALUATION_RESULTS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];
/** 差评: these reopen the case (重办) or open a rectification (整改). */
export const UNSATISFIED_RESULTS: readonly string[] = ['不满意', '非常不满意'];
/** citizen: from the citizen's own channel (an integrator: app, web, SMS); visit: a staff member's 回访. */
export const EVALUATION_CHANNELS = ['citizen', 'visit'] as const;
export type EvaluationChannel = (typeof EVALUATION_CHANNELS)[number];
export const EVALUATION_REMEDIES = ['reopen', 'rectify'] as const;
export type EvaluationRemedy = (typeof EVALUATION_REMEDIES)[number];

export interface EvaluationInput {
  result: EvaluationResult;
  comment?: string;
  /** For a 差评: reopen (default true); false records it without a remedy. */
  reopen?: boolean;
  /** For a 差评: reopen (重办, the default) or rectify (整改). */
  remedy?: EvaluationRemedy;
  /** Default: citizen for an integrator, visit for staff. */
  channel?: EvaluationChannel;
}

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
  channel: EvaluationChannel;
  remedy: EvaluationRemedy | null;
}

export interface EvaluationOutcome {
  evaluation: EvaluationRow;
  reopened: InstanceRow | null;
  rectification: RectificationRow | null;
}

/**
 * The citizen's evaluation (好差评, five levels) of a finished case, once per case, from the citizen's channel or a
 * staff 回访. A 差评 (不满意, 非常不满意) reopens it (不满意重办) unless the caller says otherwise or asks for a
 * rectification (整改, an open item for the owner department to close with its outcome). A reopen is a new instance of the same process, linked to this one, with its own SLA clocks and a
 * reopen counter (written by the SLA extension in the new instance's start transaction).
 */
export class Evaluations {
  constructor(
    private readonly engine: Engine,
    private readonly calendars: CalendarCache,
  ) {}

  async evaluate(actor: Actor, instanceId: string, input: EvaluationInput): Promise<EvaluationOutcome> {
    // The department that owns the case records the citizen's evaluation (回访); others only read it.
    const instance = await this.engine.ownedInstance(actor, instanceId);
    if (instance.status !== 'completed') {
      throw new EngineError('conflict', `The case is ${instance.status}, not finished: only a finished case can be evaluated`, `案件尚未办结（状态：${instance.status}），不能评价`);
    }
    const unsatisfied = UNSATISFIED_RESULTS.includes(input.result);
    if (input.remedy && !unsatisfied) {
      throw new EngineError('invalid', `A ${input.result} evaluation needs no remedy`, `评价为“${input.result}”，无需重办或整改`, [{ field: '/remedy', code: 'remedy-not-needed', message: 'Only 不满意 or 非常不满意 takes a remedy', messageZh: '只有不满意、非常不满意可重办或整改' }]);
    }
    if (input.remedy === 'rectify' && input.reopen === true) {
      throw new EngineError('invalid', 'Reopen or rectify, not both', '重办与整改只能选其一', [{ field: '/reopen', code: 'one-remedy', message: 'Reopen or rectify, not both', messageZh: '重办与整改只能选其一' }]);
    }
    const remedy: EvaluationRemedy | null = input.remedy ?? (unsatisfied && input.reopen !== false ? 'reopen' : null);
    const reopen = remedy === 'reopen';
    const channel: EvaluationChannel = input.channel ?? (actor.roles.includes('integrator') && !actor.roles.includes('staff') ? 'citizen' : 'visit');
    const now = this.engine.clock.now();
    let evaluation: EvaluationRow;
    let rectification: RectificationRow | null = null;
    try {
      evaluation = await this.engine.db.transaction(async (tx) => {
        const row = await insertEvaluation(tx, {
          instance_id: instance.id,
          department: instance.department,
          result: input.result,
          comment: input.comment ?? null,
          evaluated_by: actor.userId,
          evaluated_at: now,
          reopen_requested: reopen,
          channel,
          remedy,
        });
        if (remedy === 'rectify') {
          const { calendar } = await this.calendars.current(tx);
          rectification = await openRectification(tx, { instance, actor, at: now, reason: `${input.result}${input.comment ? `：${input.comment}` : ''}`, calendar });
        }
        await recordSlaEvent(tx, {
          instanceId: instance.id,
          department: instance.department,
          at: now,
          type: 'case.evaluated',
          actor: actor.userId,
          data: { result: input.result, comment: input.comment ?? null, satisfied: !unsatisfied, reopen, remedy, channel },
          notify: true,
        });
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new EngineError('conflict', 'The case has already been evaluated', '该案件已评价，不能重复评价');
      throw error;
    }
    const reopened = reopen ? await this.reopen(actor, instance) : null;
    return { evaluation: reopened ? { ...evaluation, reopened_instance_id: reopened.id } : evaluation, reopened, rectification };
  }

  async get(actor: Actor, instanceId: string): Promise<EvaluationRow | null> {
    await this.engine.getInstance(actor, instanceId);
    return (await evaluationOf(this.engine.db, instanceId)) ?? null;
  }

  /**
   * Starts the 重办 instance: the original's data, plus reopenOf / reopenCount. The business key is derived from
   * the original's, so a repeated request cannot start a second one.
   */
  async reopen(actor: Actor, original: InstanceRow): Promise<InstanceRow> {
    const count = ((await reopenCount(this.engine.db, original.id)) ?? 0) + 1;
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
