import type { Db } from '../db/index.js';
import type { ClockOperation, CommandScope, EngineExtension, TaskOperation } from '../extension.js';
import { isPlainObject, type Effect, type UserTaskCreated, type Variables } from '../runtime/index.js';
import type { CalendarCache } from './calendar-cache.js';
import { extendClocks, pauseClocks, resumeClocks, type ControlScope, type ExtensionRequest, type PauseRequest } from './clock-control.js';
import { deferStopClocks, lockOpenClocks, OPEN_CLOCKS_ALONG, openClocks, readClocksAndResponse, readOpenClocks, stopClocks, type NewClock } from '../store/sla/clocks.js';
import type { SlaClockRow } from './clock-row.js';
import { OptimisticConflict } from '../errors.js';
import { recordSlaEvent } from './sla-events.js';
import { carryReportedPhotos } from '../operations/carry-photos.js';
import type { ModelProblem, ProcessModel } from '../model/index.js';
import { slaModelProblems } from './sla-model-problems.js';
import { slaProfiles, type SlaProfile } from './sla-profiles.js';
import { planCaseSla, planResponseSla, planTaskSla, type SlaDefaults } from './sla-rules.js';
import { modelSteps } from './model-steps.js';
import { insertCaseReopen, reopenChainOf, reopenedCase } from '../store/sla/case-reopens.js';
import { markEvaluationReopened } from '../store/sla/case-evaluations.js';

const CALENDAR_MAX_AGE_MS = 1000;
const ENDED = new Set(['instance.completed', 'instance.canceled', 'instance.terminated']);
const ELEMENT_CLOSED = new Set(['element.completed', 'element.terminated']);

/**
 * Clock control that a process can model: an approval task completed with one of these variables acts on
 * the case's clocks in the same transaction (a refused extension refuses the completion, 422):
 * `slaExtension` {value, unit, reason, legalBasis}, `slaPause` {kind, reason, legalBasis}, `slaResume` {reason}.
 */
export const CLOCK_VARIABLES = { extension: 'slaExtension', pause: 'slaPause', resume: 'slaResume' } as const;

export interface SlaExtensionOptions {
  calendars: CalendarCache;
  profiles: ReadonlyMap<string, SlaProfile>;
  defaults: SlaDefaults;
}

/**
 * Starts, stops and steers SLA clocks from what a command did, inside the command's transaction: a case's
 * clocks when its instance starts, a step clock (and user_tasks.due_date) when a user task is created, and
 * the verdict (kept or missed) when either ends.
 *
 * 首次响应 (the response clock): a model that marks its first-response step (gov:sla response on a user task,
 * 12345 签收处置) opens the clock when that step is first created (派单: the ticket reaches the unit) and stops it
 * at the unit's first contact: the step claimed (签收) or completed. A 退单 is no contact with the citizen: the
 * clock runs on across 退单 and 改派 and stops at the next unit's 签收, and a step created again after the clock
 * stopped opens none (the citizen was answered once). A model without the marking opens it with the case and
 * stops it at the first completed user task.
 */
export class SlaExtension implements EngineExtension {
  readonly name = 'sla';
  readonly readAlong = OPEN_CLOCKS_ALONG;

  constructor(private readonly options: SlaExtensionOptions) {}

  modelProblems(model: ProcessModel): ModelProblem[] {
    return slaModelProblems(model, slaProfiles()).map((problem) => ({ code: 'gov.sla', ...problem }));
  }

  async afterEffects(tx: Db, scope: CommandScope, effects: readonly Effect[]): Promise<void> {
    let started = false;
    let ended: string | undefined;
    const createdTasks: UserTaskCreated[] = [];
    const closedElements = new Set<string>();
    const responseSteps = modelSteps(scope.model).response;
    let responded = false;
    const controls: Array<{ name: string; value: Variables }> = [];
    for (const effect of effects) {
      if (effect.type === 'userTask.created') createdTasks.push(effect);
      else if (effect.type === 'userTask.canceled') closedElements.add(effect.elementInstanceId);
      else if (effect.type === 'history') {
        const { event } = effect;
        if (event.type === 'instance.started') started = true;
        else if (ENDED.has(event.type)) ended = event.type;
        else if (ELEMENT_CLOSED.has(event.type) && event.elementInstanceId && event.elementId && scope.model.elements.get(event.elementId)?.kind === 'userTask') {
          closedElements.add(event.elementInstanceId);
          // First response (首次响应: 签收, 联系诉求人): the first-response step completed, else any first completed user task.
          if (event.type === 'element.completed' && (responseSteps.size === 0 || responseSteps.has(event.elementId))) responded = true;
        }
        else if (event.type === 'variables.set' && isPlainObject(event.data?.variables)) {
          for (const name of Object.values(CLOCK_VARIABLES)) {
            const value = event.data.variables[name];
            if (isPlainObject(value)) controls.push({ name, value });
          }
        }
      }
    }
    if (!started && !ended && createdTasks.length === 0 && closedElements.size === 0 && controls.length === 0) return;

    // Commands are the hot path: the calendar revision is asked at most once a second (see CalendarCache).
    const { calendar, revision } = await this.options.calendars.current(tx, CALENDAR_MAX_AGE_MS);
    const control: ControlScope = { tx, calendar, revision, instanceId: scope.instanceId, department: scope.department, actor: scope.actor, now: scope.now };
    const variables = scope.variables;

    // A first-response step created: is there a response clock already (open, or stopped by an earlier contact)?
    // The clocks read for it are the ones the stops below need, so a 派单 still reads the clocks once, unlocked.
    const responseTask = createdTasks.find((task) => responseSteps.has(task.elementId));
    const read = responseTask && !started ? await readClocksAndResponse(scope.writes, scope.instanceId) : undefined;

    // The case's clocks and every new task's open in one statement (the hot path).
    const opening: NewClock[] = [];
    if (started) opening.push(...this.startCase(scope, variables));
    if (responseTask && !read?.some((clock) => clock.kind === 'response')) opening.push(...this.startResponse(scope, responseTask, variables));
    for (const task of createdTasks) opening.push(...this.startTask(scope, task, variables));
    await openClocks(tx, calendar, revision, scope.actor, opening, scope.writes);
    if (started) await this.linkReopened(control, variables, scope.model.id);
    for (const { name, value } of controls) {
      if (name === CLOCK_VARIABLES.extension) await extendClocks(control, extensionRequestOf(value));
      else if (name === CLOCK_VARIABLES.pause) await pauseClocks(control, { kind: String(value.kind) as PauseRequest['kind'], reason: textOf(value.reason) ?? '', legalBasis: textOf(value.legalBasis) });
      else await resumeClocks(control, { reason: textOf(value.reason) });
    }
    if (closedElements.size === 0 && !ended && !responded) return;
    // Clocks opened in this command are not yet written: when one of them may have to stop as well, only a lock
    // inside the transaction sees them all. Otherwise (a step ends, the next one's clock opens) no lock is needed.
    const openedNow = new Set(createdTasks.map((task) => task.elementInstanceId));
    const unlocked = !started && !(ended && opening.length > 0) && ![...closedElements].some((id) => openedNow.has(id));
    const open = !unlocked ? await lockOpenClocks(tx, scope.instanceId) : read ? read.filter((clock) => clock.state !== 'stopped') : await readOpenClocks(scope.writes, scope.instanceId);
    const stop = async (clocks: SlaClockRow[], reason: string, record = true) => {
      if (unlocked) await deferStopClocks(scope.writes, calendar, revision, clocks, scope.now, reason, record, () => new OptimisticConflict(scope.instanceId));
      else await stopClocks(tx, calendar, revision, clocks, scope.now, scope.actor, reason, record);
    };
    if (ended) {
      await stop(open, ended, false);
      return;
    }
    await stop(open.filter((clock) => clock.subject === 'task' && clock.element_instance_id !== null && closedElements.has(clock.element_instance_id)), 'task ended');
    if (responded) await stop(open.filter((clock) => clock.kind === 'response'), 'first response');
  }

  /** 补正 and legal suspensions pause the case's clocks, a resubmission or resumption resumes them, a granted 延期 extends them. */
  async clockOperation(tx: Db, scope: CommandScope, operation: ClockOperation): Promise<void> {
    const { calendar, revision } = await this.options.calendars.current(tx, CALENDAR_MAX_AGE_MS);
    const control: ControlScope = { tx, calendar, revision, instanceId: scope.instanceId, department: scope.department, actor: scope.actor, now: scope.now };
    if (operation.type === 'pause') await pauseClocks(control, { kind: operation.kind, reason: operation.reason, legalBasis: operation.legalBasis ?? null });
    else if (operation.type === 'resume') await resumeClocks(control, { reason: operation.reason ?? null });
    else await extendClocks(control, { duration: operation.duration as ExtensionRequest['duration'], reason: operation.reason, legalBasis: operation.legalBasis ?? null, approvedBy: operation.approvedBy });
  }

  /** 签收 of a first-response step is the unit's first contact: the response clock stops (in the claim's statement). */
  async taskOperation(tx: Db, scope: CommandScope, operation: TaskOperation): Promise<void> {
    if (operation.type !== 'claimed' || !modelSteps(scope.model).response.has(operation.elementId)) return;
    const open = (await readOpenClocks(scope.writes, scope.instanceId)).filter((clock) => clock.kind === 'response');
    if (open.length === 0) return;
    const { calendar, revision } = await this.options.calendars.current(tx, CALENDAR_MAX_AGE_MS);
    await deferStopClocks(scope.writes, calendar, revision, open, scope.now, 'first response: claimed', true, () => new OptimisticConflict(scope.instanceId));
  }

  /** The case's clocks to open, as its matter, model and profile say. */
  private startCase(scope: CommandScope, variables: Variables): NewClock[] {
    const plan = planCaseSla(scope.model, variables, this.options.profiles, this.options.defaults);
    const facts = { matterCode: plan.matterCode, region: plan.region, profile: plan.profileId, processId: scope.model.id };
    return plan.clocks.map((clockPlan) => ({
      instanceId: scope.instanceId,
      department: scope.department,
      subject: 'case' as const,
      plan: clockPlan,
      start: scope.now,
      supervision: clockPlan.principal ? plan.supervision : null,
      facts,
    }));
  }

  /** The response clock a first-response step opens, if a limit is found (the case's clock: it outlives the task). */
  private startResponse(scope: CommandScope, task: UserTaskCreated, variables: Variables): NewClock[] {
    const plan = planResponseSla(scope.model, task.elementId, variables, this.options.profiles, this.options.defaults);
    if (!plan) return [];
    return [{ instanceId: scope.instanceId, department: scope.department, subject: 'case', plan, start: scope.now, facts: { processId: scope.model.id, step: task.elementId } }];
  }

  /** A new task's step clock, if its step has a limit (its deadline becomes the task's due date). */
  private startTask(scope: CommandScope, task: UserTaskCreated, variables: Variables): NewClock[] {
    const plan = planTaskSla(scope.model, task.elementId, variables, this.options.profiles, this.options.defaults);
    if (!plan) return [];
    return [
      {
        instanceId: scope.instanceId,
        department: scope.department,
        subject: 'task',
        plan: { ...plan, label: task.name ? `${task.name}环节时限` : plan.label },
        start: scope.now,
        elementInstanceId: task.elementInstanceId,
        elementId: task.elementId,
      },
    ];
  }

  /**
   * 不满意重办: the new instance names the one it reopens; the link, the counter and the photos of the problem as
   * reported (carry-photos.ts) are written with its start.
   */
  private async linkReopened(control: ControlScope, variables: Variables, processId: string): Promise<void> {
    const original = typeof variables.reopenOf === 'string' ? variables.reopenOf : undefined;
    if (!original) return;
    const source = await reopenedCase(control.tx, original);
    if (!source) return;
    const previous = await reopenChainOf(control.tx, source.id);
    const count = (previous?.reopen_count ?? 0) + 1;
    const root = previous?.root_instance_id ?? source.id;
    await insertCaseReopen(control.tx, { instanceId: control.instanceId, department: control.department, originalInstanceId: source.id, rootInstanceId: root, reopenCount: count, createdAt: control.now });
    await markEvaluationReopened(control.tx, source.id, control.instanceId);
    await carryReportedPhotos(control.tx, { from: source.id, to: control.instanceId, department: control.department, processId, actor: control.actor, at: control.now });
    const data = { originalInstanceId: source.id, reopenedInstanceId: control.instanceId, rootInstanceId: root, reopenCount: count };
    await recordSlaEvent(control.tx, { instanceId: control.instanceId, department: control.department, at: control.now, type: 'case.reopen.started', actor: control.actor, data });
    await recordSlaEvent(control.tx, { instanceId: source.id, department: source.department, at: control.now, type: 'case.reopened', actor: control.actor, data, notify: true });
  }
}

/** `slaExtension` is {value, unit, reason, legalBasis, approvedBy} (or {duration: 'P10D', …}). */
function extensionRequestOf(value: Variables): ExtensionRequest {
  return {
    duration: value.duration ?? { value: value.value, unit: value.unit },
    reason: textOf(value.reason) ?? '',
    legalBasis: textOf(value.legalBasis),
    approvedBy: textOf(value.approvedBy),
  };
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

