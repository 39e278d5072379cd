import fc from 'fast-check';
import type { ProcessModel } from '../../engine/model/index.js';
import {
  completeWaitingElement,
  correlateMessage,
  startInstance,
  throwError,
  triggerTimer,
  type Effect,
  type InstanceState,
  type StepResult,
} from '../../engine/runtime/index.js';
import { compileOne } from '../engine/support/bpmn.js';
import { modelXml, scenario } from './random-process.js';

/**
 * Zeebe's replay test, for the pure interpreter: random valid processes (every element kind
 * the generator knows), random paths through them (complete tasks and jobs in any order,
 * throw caught errors, fire timers, correlate messages). Each path runs twice: once straight,
 * once with the state written to JSON and read back after every step (what a restart does).
 * The states (byte for byte) and effects must be identical after every step, and a path that
 * has nothing left to do must have completed the instance.
 *
 * PROPERTY_RUNS=2000 for a longer run; the seed is fixed so CI failures reproduce.
 */

type Action = { label: string; run(model: ProcessModel, state: InstanceState, now: Date): StepResult };

/** Everything that can happen next from outside: tasks and jobs done (or failing with a caught error), timers due, messages. */
function actionsOf(model: ProcessModel, state: InstanceState): Action[] {
  const actions: Action[] = [];
  for (const instance of Object.values(state.elements)) {
    if (instance.phase === 'waiting' && (instance.waitsFor === 'userTask' || instance.waitsFor === 'job')) {
      actions.push({ label: `complete ${instance.elementId}`, run: (m, s, now) => completeWaitingElement(m, s, instance.id, { [`done_${instance.elementId}`]: true }, now) });
      const node = model.elements.get(instance.elementId);
      const caught = node?.boundaryIds.some((id) => model.elements.get(id)?.event?.type === 'error');
      if (instance.waitsFor === 'job' && caught) actions.push({ label: `error ${instance.elementId}`, run: (m, s, now) => throwError(m, s, instance.id, 'FAIL', 'failed', {}, now) });
    }
    for (const subscription of instance.subscriptions ?? []) {
      if (subscription.kind === 'message') {
        actions.push({ label: `message ${subscription.elementId}`, run: (m, s, now) => correlateMessage(m, s, instance.id, subscription.elementId, { via: subscription.elementId }, now) });
      }
    }
  }
  for (const timerId of Object.keys(state.timers)) {
    actions.push({ label: `timer ${timerId}`, run: (m, s, now) => triggerTimer(m, s, timerId, new Date(Math.max(now.getTime(), new Date(s.timers[timerId].dueAt).getTime()))) });
  }
  return actions;
}

const runs = Number(process.env.PROPERTY_RUNS ?? 60);

describe('replay: restarting after every step changes nothing', () => {
  test(`random processes and paths (${runs} runs, seed 20251001)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ body, eventSubProcess, v, choices }) => {
        const model = await compileOne(modelXml(body, eventSubProcess));
        let now = new Date('2025-09-25T01:00:00Z');
        const first = startInstance(model, { v, key: 'K' }, now);
        if (!first.ok) throw new Error(first.reason);
        let straight: InstanceState = first.state;
        let restarted: InstanceState = JSON.parse(JSON.stringify(first.state)) as InstanceState;
        const straightEffects: Effect[] = [...first.effects];
        const restartedEffects: Effect[] = [...first.effects];
        const trail: string[] = [];
        for (let step = 0; step < 80 && straight.status === 'active'; step++) {
          const actions = actionsOf(model, straight);
          if (actions.length === 0) break;
          const action = actions[(choices[step] ?? 0) % actions.length];
          trail.push(action.label);
          now = new Date(now.getTime() + 60_000);
          const a = action.run(model, straight, now);
          const b = action.run(model, restarted, now);
          if (!a.ok || !b.ok) throw new Error(`refused after ${trail.join(' → ')}: ${a.ok ? '' : a.reason} ${b.ok ? '' : b.reason}`);
          straight = a.state;
          restarted = JSON.parse(JSON.stringify(b.state)) as InstanceState;
          straightEffects.push(...a.effects);
          restartedEffects.push(...b.effects);
          expect(JSON.stringify(restarted)).toBe(JSON.stringify(straight));
          expect(JSON.stringify(b.effects)).toBe(JSON.stringify(a.effects));
        }
        expect(JSON.stringify(restartedEffects)).toBe(JSON.stringify(straightEffects));
        // A path with nothing left to do must have ended the instance (the generator builds no deadlocks).
        if (actionsOf(model, straight).length === 0) {
          if (straight.status !== 'completed') throw new Error(`stuck after ${trail.join(' → ')}: ${JSON.stringify(straight.elements)} joins ${JSON.stringify(straight.joins)}`);
        }
        // Every waiting entry is a live element instance; no incident happens on these models.
        for (const waiting of straight.waiting) expect(straight.elements[waiting.id]).toBeDefined();
        expect(straightEffects.filter((effect) => effect.type === 'incident.created')).toEqual([]);
      }),
      { numRuns: runs, seed: 20251001, endOnFailure: true },
    );
  }, 600_000);
});
