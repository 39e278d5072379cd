import fs from 'node:fs';
import type { Actor } from '../actor.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import { inLanes } from '../jobs/lanes.js';
import { fromProjectRoot } from '../paths.js';
import { markSupervisionFailed, markSupervisionStarted, requestedSupervisions, unitOfOldestOpenStep, type RequestedSupervision } from '../store/sla/supervision-starts.js';
import { recordSlaEvent } from './sla-events.js';

/** The built-in 督办 process, deployed into a supervising department the first time it is needed. */
export const SUPERVISION_PROCESS_ID = 'case-supervision';
export const SUPERVISION_MODEL_FILE = fromProjectRoot('examples', 'supervision.bpmn');

/**
 * Turns 督办 requests (written by the monitor in the transaction that saw the case overdue) into supervision
 * process instances in the supervising department, so the 督办 task lands in that department's inbox like any
 * task. Idempotent: the business key 督办-<case>-L<level> is unique, so two monitors never start it twice.
 */
export class SupervisionStarter {
  private xml: string | undefined;
  /**
   * The deployment of the current 督办 model into each supervising department, once per process: the starts that
   * need it at the same moment wait for the same one (deploying is idempotent; a failed one is tried again).
   */
  private readonly deployments = new Map<string, Promise<void>>();

  /** `atOnce`: how many cases' 督办 start side by side (each case's levels one after another). */
  constructor(
    private readonly engine: Engine,
    private readonly modelFile: string = SUPERVISION_MODEL_FILE,
    private readonly atOnce = 4,
  ) {}

  /** Starts every requested supervision, `limit` at a time; returns how many this call started. */
  async startRequested(limit = 20): Promise<number> {
    let total = 0;
    for (let round = 0; round < 1000; round++) {
      const { seen, started } = await this.startBatch(limit);
      total += started;
      if (seen < limit) break;
    }
    return total;
  }

  private async startBatch(limit: number): Promise<{ seen: number; started: number }> {
    const requests = await requestedSupervisions(this.engine.db, limit);
    let started = 0;
    // Overdue cases come in crowds (deadlines end with a working day): their 督办 start side by side, each in its own
    // commands; one case's levels stay in order, in one lane.
    await inLanes(requests, (request) => request.instance_id, this.atOnce, async (lane) => {
      for (const request of lane) {
        try {
          await this.start(request);
          started++;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await markSupervisionFailed(this.engine.db, request.id, message);
        }
      }
    });
    return { seen: requests.length, started };
  }

  private async start(request: RequestedSupervision): Promise<void> {
    const actor: Actor = { userId: 'system:sla', department: request.supervising_department, roles: ['staff'] };
    await this.ensureDeployed(actor);
    const businessKey = `督办-${request.instance_id}-L${request.level}`;
    const responsibleUnit = request.responsible_unit ?? (await this.responsibleUnit(request.instance_id, request.department, request.supervising_department));
    const variables = {
      caseInstanceId: request.instance_id,
      caseBusinessKey: request.business_key,
      caseProcessId: request.process_id,
      caseDepartment: request.department,
      responsibleUnit,
      // What the supervisor decides at review (销号 / 退回 / 升级, and the unit an escalation goes to).
      supervisionDecision: null,
      reviewOpinion: null,
      escalateTo: null,
      supervisionLevel: request.level,
      supervisionReason: request.reason,
      caseDueAt: request.due_at ? new Date(request.due_at).toISOString() : null,
      caseLimit: request.label ?? request.kind,
    };
    let instanceId: string;
    try {
      // The 督办 belongs to the case's region, so a town's supervisors follow their town's 督办 too.
      const regionCode = request.region_code && this.engine.staff.directory.regionPath(request.region_code) ? request.region_code : undefined;
      instanceId = (await this.engine.startInstance({ processId: SUPERVISION_PROCESS_ID, businessKey, variables, ...(regionCode ? { regionCode } : {}), actor })).id;
    } catch (error) {
      if (!(error instanceof EngineError && error.kind === 'conflict')) throw error;
      const [existing] = await this.engine.listInstances({ ...actor, roles: ['admin'] }, { processId: SUPERVISION_PROCESS_ID, businessKey, limit: 1 });
      if (!existing) throw error;
      instanceId = existing.id;
    }
    await this.engine.db.transaction(async (tx) => {
      const started = await markSupervisionStarted(tx, request.id, { supervisionInstanceId: instanceId, startedAt: this.engine.clock.now(), responsibleUnit });
      if (!started) return;
      await recordSlaEvent(tx, {
        instanceId: request.instance_id,
        department: request.department,
        at: this.engine.clock.now(),
        type: 'sla.supervision.started',
        actor: actor.userId,
        data: { level: request.level, supervisingDepartment: request.supervising_department, supervisionInstanceId: instanceId, businessKey, responsibleUnit },
        notify: true,
      });
    });
  }

  /**
   * Who gets the 督办单: the unit working the case's oldest open step outside the supervising department (a 12345
   * ticket's handling unit in its town), else the department that owns the case.
   */
  private async responsibleUnit(instanceId: string, caseDepartment: string, supervisingDepartment: string): Promise<string> {
    return (await unitOfOldestOpenStep(this.engine.db, instanceId, supervisingDepartment)) ?? caseDepartment;
  }

  /** Deploys the built-in model once per department and process (unchanged XML creates no new version). */
  private ensureDeployed(actor: Actor): Promise<void> {
    let deployment = this.deployments.get(actor.department);
    if (!deployment) {
      this.xml ??= fs.readFileSync(this.modelFile, 'utf8');
      deployment = this.engine.deploy({ xml: this.xml, name: '督办（内置）', actor }).then(() => undefined);
      this.deployments.set(actor.department, deployment);
      deployment.catch(() => this.deployments.delete(actor.department));
    }
    return deployment;
  }
}
