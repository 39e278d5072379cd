import { pino } from 'pino';
import { calendarFromLayers, Engine, JobExecutor, type Actor, type InstanceRow, type Variables } from '../../../engine/index.js';
import type { AppContext } from '../../../api/context.js';
import { createContext } from '../../../api/server.js';
import { freshDatabase } from '../../support/database.js';
import { FakeClock } from '../../support/context.js';

export const clerk: Actor = { userId: 'clerk', department: 'SCJGJ', roles: ['designer', 'integrator', 'staff', 'supervisor'] };

/**
 * Behaviour tests through the public Engine on a real database (PGlite, or PostgreSQL with
 * DATABASE_URL): deploy, start, do the work a person or a worker would, move a fake clock and
 * let the job executor fire timers. `restart()` puts a new Engine on the same database, as a
 * process restart would; with `restartEveryStep` every command runs on a fresh Engine.
 */
export class EngineDriver {
  engine: Engine;
  private constructor(
    readonly context: AppContext,
    readonly clock: FakeClock,
    private readonly drop: () => Promise<void>,
    private readonly restartEveryStep: boolean,
  ) {
    this.engine = context.engine;
  }

  static async open(options: { restartEveryStep?: boolean } = {}): Promise<EngineDriver> {
    const target = await freshDatabase('migrated');
    const clock = new FakeClock();
    const context = await createContext({ databaseUrl: target.databaseUrl, clock, log: pino({ level: 'silent' }) });
    return new EngineDriver(context, clock, () => target.drop(), options.restartEveryStep ?? false);
  }

  restart(): void {
    this.engine = new Engine(this.context.db, this.clock, { services: { calendar: calendarFromLayers() } });
  }

  private async step<T>(work: () => Promise<T>): Promise<T> {
    if (this.restartEveryStep) this.restart();
    return work();
  }

  async deploy(xml: string): Promise<void> {
    try {
      await this.step(() => this.engine.deploy({ xml, actor: clerk }));
    } catch (error) {
      const details = (error as { details?: Array<{ message: string }> }).details ?? [];
      throw new Error(`${(error as Error).message}: ${details.map((detail) => detail.message).join('; ')}`, { cause: error });
    }
  }

  async start(processId: string, variables: Variables = {}): Promise<string> {
    return (await this.step(() => this.engine.startInstance({ processId, variables, actor: clerk }))).id;
  }

  async instance(id: string): Promise<InstanceRow> {
    return this.engine.getInstance(clerk, id);
  }

  /** Element ids the instance waits at, sorted. */
  async waiting(id: string): Promise<string[]> {
    return (await this.instance(id)).state.waiting.map((entry) => entry.elementId).sort();
  }

  async status(id: string): Promise<string> {
    return (await this.instance(id)).status;
  }

  async variables(id: string): Promise<Variables> {
    return (await this.instance(id)).state.variables;
  }

  async openTasks(id: string): Promise<string[]> {
    return (await this.engine.listTasks(clerk, { instanceId: id })).map((task) => task.element_id).sort();
  }

  async completeTask(id: string, elementId: string, variables: Variables = {}): Promise<void> {
    const task = (await this.engine.listTasks(clerk, { instanceId: id })).find((candidate) => candidate.element_id === elementId);
    if (!task) throw new Error(`No open task '${elementId}' in ${id}`);
    await this.step(() => this.engine.completeTask(clerk, task.id, variables));
  }

  private async job(id: string, elementId: string, type: string): Promise<string> {
    const jobs = await this.engine.activateJobs(clerk, { type, worker: 'test-worker', max: 100, lockMs: 60_000 });
    const job = jobs.find((candidate) => candidate.instance_id === id && candidate.element_id === elementId);
    if (!job) throw new Error(`No activatable '${type}' job for '${elementId}' in ${id}`);
    return job.id;
  }

  async completeJob(id: string, elementId: string, variables: Variables = {}, type = elementId): Promise<void> {
    const jobId = await this.job(id, elementId, type);
    await this.step(() => this.engine.completeJob(clerk, jobId, variables));
  }

  async throwJobError(id: string, elementId: string, errorCode: string, type = elementId): Promise<void> {
    const jobId = await this.job(id, elementId, type);
    await this.step(() => this.engine.throwJobError(clerk, jobId, { errorCode }));
  }

  /** Moves the clock and lets a job executor fire what is due; returns how many timers fired. */
  async advance(ms: number): Promise<number> {
    this.clock.advance(ms);
    if (this.restartEveryStep) this.restart();
    const executor = new JobExecutor(this.engine, { owner: 'test-executor' });
    let fired = 0;
    for (;;) {
      const round = await executor.runOnce();
      fired += round.fired;
      if (round.fired === 0) return fired;
    }
  }

  async publish(name: string, correlationKey: string, variables: Variables = {}): Promise<void> {
    await this.step(() => this.engine.publishMessage(clerk, { name, correlationKey, variables }));
  }

  async signal(name: string, variables: Variables = {}): Promise<void> {
    await this.step(() => this.engine.broadcastSignal(clerk, { name, variables }));
  }

  async setVariables(id: string, variables: Variables): Promise<void> {
    await this.step(() => this.engine.setVariables(clerk, id, variables));
  }

  async historyTypes(id: string, elementId?: string): Promise<string[]> {
    return (await this.engine.history(clerk, id)).filter((row) => !elementId || row.element_id === elementId).map((row) => row.type);
  }

  async close(): Promise<void> {
    await this.context.db.close();
    await this.drop();
  }
}
