import fc from 'fast-check';
import { completeWaitingElement, startInstance, type InstanceState } from '../../engine/runtime/index.js';
import { compileOne } from '../engine/support/bpmn.js';
import { clerk, EngineDriver } from '../engine/support/engine-driver.js';
import { modelXml, scenario } from './random-process.js';

/**
 * The replay property on the real engine: random processes and random paths of task and job
 * completions, each command on a new Engine instance over the same database (a restart after
 * every step). After every step the stored state must equal the state of an uninterrupted run
 * of the pure interpreter with the same clock. PROPERTY_ENGINE_RUNS for a longer run.
 */
const runs = Number(process.env.PROPERTY_ENGINE_RUNS ?? 20);

describe('replay on the engine: a restart after every command changes nothing', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open({ restartEveryStep: true });
  });
  afterAll(() => d.close());

  test(`random processes and paths on the database (${runs} runs, seed 20251001)`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ body, eventSubProcess, v, choices }) => {
        const processId = `random${++run}`;
        const xml = modelXml(body, eventSubProcess).replace('id="random"', `id="${processId}"`);
        const model = await compileOne(xml);
        await d.deploy(xml);
        let now = new Date(Date.UTC(2025, 8, 25, 1, run));
        d.clock.set(now);
        const id = await d.start(processId, { v, key: 'K' });
        const first = startInstance(model, { v, key: 'K' }, now);
        if (!first.ok) throw new Error(first.reason);
        let pure: InstanceState = first.state;
        expect((await d.instance(id)).state).toEqual(pure);
        for (let step = 0; step < 40 && pure.status === 'active'; step++) {
          const work = Object.values(pure.elements).filter((instance) => instance.phase === 'waiting' && (instance.waitsFor === 'userTask' || instance.waitsFor === 'job'));
          if (work.length === 0) break;
          const chosen = work[(choices[step] ?? 0) % work.length];
          const variables = { [`done_${chosen.elementId}`]: step };
          now = new Date(now.getTime() + 60_000);
          d.clock.set(now);
          const next = completeWaitingElement(model, pure, chosen.id, variables, now);
          if (!next.ok) throw new Error(next.reason);
          pure = next.state;
          if (chosen.waitsFor === 'userTask') {
            const task = (await d.engine.listTasks(clerk, { instanceId: id })).find((candidate) => candidate.element_instance_id === chosen.id);
            if (!task) throw new Error(`no task row for ${chosen.elementId}`);
            await d.engine.completeTask(clerk, task.id, variables);
          } else {
            const jobs = await d.engine.activateJobs(clerk, { type: 'work', worker: 'replay', max: 1000, lockMs: 1 });
            const job = jobs.find((candidate) => candidate.instance_id === id && candidate.element_instance_id === chosen.id);
            if (!job) throw new Error(`no job row for ${chosen.elementId}`);
            d.restart();
            await d.engine.completeJob(clerk, job.id, variables);
          }
          expect((await d.instance(id)).state).toEqual(pure);
        }
        expect((await d.instance(id)).status).toBe(pure.status);
      }),
      { numRuns: runs, seed: 20251001, endOnFailure: true },
    );
  }, 600_000);
});
