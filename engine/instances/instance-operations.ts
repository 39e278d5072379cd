import { childInstancesIn, closeWaits, suspendJobs } from '../store/instance-waits.js';
import { EngineError } from '../errors.js';
import { cancelInstance, modifyInstance, resumeInstance, setVariables, suspendInstance, type Variables } from '../runtime/index.js';
import type { InstanceRow } from '../store/rows.js';
import type { CommandUnit } from './command-unit.js';
import type { InstanceRunner } from './instance-runner.js';
import { refuseMaskedEcho } from '../personal/masked-echo.js';

/**
 * Operations an administrator or a department's staff run on one instance. Each is one
 * command: it either happens whole, with its history row naming the actor, or not at all.
 */

export async function cancel(runner: InstanceRunner, unit: CommandUnit, instance: InstanceRow): Promise<InstanceRow> {
  const row = await runner.advanceOrThrow(unit, instance.id, (model, state, now) => cancelInstance(model, state, now));
  await closeWaits(unit.tx, instance.id, unit.now, unit.actor.userId);
  return row;
}

/** Suspends an instance and, in the same command, the active child instances its call activities started. */
export async function suspend(runner: InstanceRunner, unit: CommandUnit, instance: InstanceRow): Promise<InstanceRow> {
  const row = await runner.advanceOrThrow(unit, instance.id, (model, state, now) => suspendInstance(model, state, now));
  await suspendJobs(unit.tx, instance.id, true);
  for (const child of await childInstancesIn(unit.tx, instance.id, 'active')) await suspend(runner, unit, child);
  return row;
}

/** Resumes an instance and its suspended child instances. */
export async function resume(runner: InstanceRunner, unit: CommandUnit, instance: InstanceRow): Promise<InstanceRow> {
  const row = await runner.advanceOrThrow(unit, instance.id, (model, state, now) => resumeInstance(model, state, now));
  await suspendJobs(unit.tx, instance.id, false);
  for (const child of await childInstancesIn(unit.tx, instance.id, 'suspended')) await resume(runner, unit, child);
  return row;
}

export async function assignVariables(runner: InstanceRunner, unit: CommandUnit, instance: InstanceRow, variables: Variables, elementInstanceId?: string, options: { local?: boolean } = {}): Promise<InstanceRow> {
  return runner.advanceOrThrow(unit, instance.id, (model, state, now, services) => {
    refuseMaskedEcho(state.variables, variables);
    return setVariables(model, state, elementInstanceId, variables, now, services, options);
  });
}

export interface Modification {
  terminate: string[];
  activate: Array<{ elementId: string; variables?: Variables }>;
}

/** Moves tokens (驳回 / send back is built on this): terminates element instances, activates elements. */
export async function modify(runner: InstanceRunner, unit: CommandUnit, instance: InstanceRow, modification: Modification): Promise<InstanceRow> {
  const model = await runner.models.get(instance.definition_id, unit.tx);
  const waiting = new Set(instance.state.waiting.map((element) => element.id));
  const details = [
    ...modification.terminate
      .map((id, index) => ({ id, index }))
      .filter(({ id }) => !waiting.has(id) && !hasElementInstance(instance.state, id))
      .map(({ id, index }) => ({
        message: `/terminate/${index}: element instance '${id}' is not active in this instance`,
        messageZh: `/terminate/${index}：节点实例“${id}”在该实例中不处于活动状态`,
      })),
    ...modification.activate
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => !model.elements.has(entry.elementId))
      .map(({ entry, index }) => ({
        message: `/activate/${index}/elementId: no element '${entry.elementId}' in process ${model.id}`,
        messageZh: `/activate/${index}/elementId：流程“${model.id}”中没有节点“${entry.elementId}”`,
        elementId: entry.elementId,
      })),
  ];
  if (details.length > 0) throw new EngineError('invalid', 'The modification names elements that do not exist or are not active', '实例修改中有不存在或不活动的节点', details);
  return runner.advanceOrThrow(unit, instance.id, (m, state, now, services) => modifyInstance(m, state, modification, now, services));
}

/** Element instances are opaque to the store except `waiting`; scopes are found by walking the JSON for an `id`. */
function hasElementInstance(state: unknown, id: string): boolean {
  if (Array.isArray(state)) return state.some((entry) => hasElementInstance(entry, id));
  if (state && typeof state === 'object') {
    const record = state as Record<string, unknown>;
    if (record.id === id && typeof record.elementId === 'string') return true;
    return Object.entries(record).some(([key, value]) => key !== 'variables' && hasElementInstance(value, id));
  }
  return false;
}
