import { pino } from 'pino';
import { JobExecutor, type Actor } from '../../engine/index.js';
import type { AppContext } from '../../api/context.js';
import { createContext } from '../../api/server.js';
import { freshDatabase, onPostgres, type TestDatabaseTarget } from '../support/database.js';
import { FakeClock } from '../support/context.js';
import { end, process as bpmnProcess, serviceTask, start } from './durable/models.js';

const clerk: Actor = { userId: 'clerk', department: 'SCJGJ', roles: ['designer', 'integrator', 'staff', 'supervisor'] };
const waitThenWork = bpmnProcess(
  'wait-then-work',
  `${start()}<bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${serviceTask('Work', 'work')}${end()}`,
  [['F1', 'Start', 'Wait'], ['F2', 'Wait', 'Work'], ['F3', 'Work', 'End']],
);
const INSTANCES = 40;

// Two server processes on one database, as scale-out runs them: two engines, two connection pools, two executors.
// Real parallel connections need PostgreSQL (DATABASE_URL); PGlite is one process's database.
(onPostgres() ? describe : describe.skip)('two engines on one PostgreSQL database', () => {
  let target: TestDatabaseTarget;
  let servers: AppContext[];
  const clock = new FakeClock();
  beforeAll(async () => {
    target = await freshDatabase();
    const options = { databaseUrl: target.databaseUrl, clock, log: pino({ level: 'silent' }) };
    servers = [await createContext(options), await createContext(options)];
    await servers[0].engine.deploy({ xml: waitThenWork, actor: clerk });
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.db.close()));
    await target.drop();
  });

  test('timers fire once, jobs go to one worker, completions count once, and every trail is whole', async () => {
    const ids: string[] = [];
    for (let index = 0; index < INSTANCES; index++) ids.push((await servers[index % 2].engine.startInstance({ processId: 'wait-then-work', actor: clerk })).id);

    clock.advance(2 * 3_600_000);
    const executors = servers.map((server, index) => new JobExecutor(server.engine, { owner: `server-${index}`, batchSize: 7 }));
    let fired = 0;
    for (;;) {
      const rounds = await Promise.all(executors.map((executor) => executor.runOnce()));
      const now = rounds.reduce((sum, round) => sum + round.fired, 0);
      fired += now;
      if (now === 0) break;
    }
    expect(fired).toBe(INSTANCES);

    const batches = await Promise.all(
      servers.flatMap((server, serverIndex) => [0, 1, 2].map((worker) => server.engine.activateJobs(clerk, { type: 'work', worker: `s${serverIndex}-w${worker}`, max: 8, lockMs: 60_000 }))),
    );
    const rest = await servers[1].engine.activateJobs(clerk, { type: 'work', worker: 'late', max: 100, lockMs: 60_000 });
    const jobs = [...batches.flat(), ...rest];
    expect(jobs).toHaveLength(INSTANCES);
    expect(new Set(jobs.map((job) => job.id)).size).toBe(INSTANCES);

    // Each job completed through both servers at once: exactly one completion is accepted.
    const outcomes = await Promise.allSettled(jobs.flatMap((job) => servers.map((server, index) => server.engine.completeJob(clerk, job.id, { by: `server-${index}` }))));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(INSTANCES);

    for (const id of ids) {
      const trail = await servers[0].engine.history(clerk, id);
      const count = (type: string, elementId?: string) => trail.filter((event) => event.type === type && (elementId === undefined || event.element_id === elementId)).length;
      expect({ id, timerFired: count('timer.fired'), workDone: count('element.completed', 'Work'), completed: count('instance.completed') }).toEqual({ id, timerFired: 1, workDone: 1, completed: 1 });
      expect((await servers[1].engine.getInstance(clerk, id)).status).toBe('completed');
    }
    const trails = await Promise.all(ids.map(async (id) => (await servers[1].engine.history(clerk, id)).map((event) => `${event.type}@${event.element_id ?? ''}`).join(' ')));
    expect(new Set(trails).size).toBe(1);
  });
});
