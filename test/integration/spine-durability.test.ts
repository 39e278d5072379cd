import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { DataFolderLockedError, PgliteDatabase, type Actor } from '../../engine/index.js';
import { createContext } from '../../api/server.js';
import { freshDatabase, onPostgres } from '../support/database.js';

const permitXml = fs.readFileSync(new URL('../../examples/administrative-permit.bpmn', import.meta.url), 'utf8');
const silent = pino({ level: 'silent' });
const clerk: Actor = { userId: 'clerk', department: 'SCJGJ', roles: ['designer', 'integrator', 'staff'], groups: ['受理窗口', '审查科室', '审批负责人'] };
const otherClerk: Actor = { userId: 'clerk2', department: 'SCJGJ', roles: ['staff'], groups: ['受理窗口', '审查科室', '审批负责人'] };

describe('durability of the spine', () => {
  test('stopping and reopening the database between two steps loses nothing', async () => {
    const target = await freshDatabase();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-restart-'));
    const options = { databaseUrl: target.databaseUrl, dataDir: target.databaseUrl ? undefined : folder, log: silent };
    try {
      let instance: { id: string };
      const first = await createContext(options);
      try {
      await first.engine.deploy({ xml: permitXml, actor: clerk });
      instance = await first.engine.startInstance({ processId: 'administrative-permit', businessKey: 'R-1', actor: clerk });
      const [accept] = await first.engine.listTasks(clerk, { instanceId: instance.id });
      await first.engine.completeTask(clerk, accept.id, { acceptance: '受理' });
      } finally {
        await first.db.close();
      }

      const second = await createContext(options);
      try {
      const [review] = await second.engine.listTasks(clerk, { instanceId: instance.id });
      expect(review.name).toBe('审查');
      const history = await second.engine.history(clerk, instance.id);
      expect(history.map((event) => event.type)).toContain('userTask.completed');
      await second.engine.completeTask(clerk, review.id, {});
      const [decide] = await second.engine.listTasks(clerk, { instanceId: instance.id });
      expect(decide.name).toBe('决定');
      expect((await second.engine.getInstance(clerk, instance.id)).state.variables).toEqual({ acceptance: '受理' });
      } finally {
        await second.db.close();
      }
    } finally {
      await target.drop();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000); // creating a PGlite folder (initdb in WebAssembly) takes 10–30 s on a loaded 2-core machine

  test('a second process cannot open the same embedded folder', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-lock-'));
    const first = await PgliteDatabase.open(folder);
    try {
      await expect(PgliteDatabase.open(folder)).rejects.toBeInstanceOf(DataFolderLockedError);
      await expect(PgliteDatabase.open(folder)).rejects.toThrow(/MATTERFLOW_DATA/);
    } finally {
      await first.close();
    }
    const reopened = await PgliteDatabase.open(folder);
    await reopened.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }, 180_000);

  test('a model without <bpmn:incoming>/<bpmn:outgoing> children runs: fork, join, then one task', async () => {
    const target = await freshDatabase();
    const context = await createContext({ databaseUrl: target.databaseUrl, log: silent });
    try {
      await context.engine.deploy({ xml: fs.readFileSync(new URL('./models/parallel-review.bpmn', import.meta.url), 'utf8'), actor: clerk });
      const instance = await context.engine.startInstance({ processId: 'parallel-review', actor: clerk });
      const tasks = await context.engine.listTasks(clerk, { instanceId: instance.id });
      expect(tasks.map((task) => task.name).sort()).toEqual(['消防审查', '规划审查']);
      await context.engine.completeTask(clerk, tasks[0].id, {});
      expect((await context.engine.listTasks(clerk, { instanceId: instance.id })).map((task) => task.name)).toEqual([tasks[1].name]);
      await context.engine.completeTask(clerk, tasks[1].id, {});
      expect((await context.engine.listTasks(clerk, { instanceId: instance.id })).map((task) => task.name)).toEqual(['汇总决定']);
    } finally {
      await context.db.close();
      await target.drop();
    }
  });

  // Concurrency needs real parallel connections: PGlite has one, so this runs on PostgreSQL (CI sets DATABASE_URL).
  (onPostgres() ? test : test.skip)('two concurrent completions of one task: one succeeds, one gets a conflict, the instance moves on once', async () => {
    const target = await freshDatabase();
    const context = await createContext({ databaseUrl: target.databaseUrl, log: silent });
    try {
      await context.engine.deploy({ xml: permitXml, actor: clerk });
      for (let round = 0; round < 5; round++) {
        const instance = await context.engine.startInstance({ processId: 'administrative-permit', actor: clerk });
        const [task] = await context.engine.listTasks(clerk, { instanceId: instance.id });
        const outcomes = await Promise.allSettled([
          context.engine.completeTask(clerk, task.id, { acceptance: '受理' }),
          context.engine.completeTask(otherClerk, task.id, { acceptance: '补正' }),
        ]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toMatchObject({ kind: 'conflict' });
        const open = await context.engine.listTasks(clerk, { instanceId: instance.id });
        expect(open).toHaveLength(1);
        const completions = (await context.engine.history(clerk, instance.id)).filter((event) => event.type === 'userTask.completed');
        expect(completions).toHaveLength(1);
      }
    } finally {
      await context.db.close();
      await target.drop();
    }
  });

  (onPostgres() ? test : test.skip)('parallel branches completed at the same moment both count: the join fires exactly once', async () => {
    const target = await freshDatabase();
    const context = await createContext({ databaseUrl: target.databaseUrl, log: silent });
    const xml = fs.readFileSync(new URL('./models/parallel-review.bpmn', import.meta.url), 'utf8');
    try {
      await context.engine.deploy({ xml, actor: clerk });
      const instance = await context.engine.startInstance({ processId: 'parallel-review', actor: clerk });
      const tasks = await context.engine.listTasks(clerk, { instanceId: instance.id });
      expect(tasks).toHaveLength(2);
      await Promise.all(tasks.map((task) => context.engine.completeTask(clerk, task.id, { [task.element_id]: true })));
      const after = await context.engine.listTasks(clerk, { instanceId: instance.id });
      expect(after.map((task) => task.name)).toEqual(['汇总决定']);
      const finalState = await context.engine.getInstance(clerk, instance.id);
      expect(finalState.state.variables).toEqual({ Task_A: true, Task_B: true });
    } finally {
      await context.db.close();
      await target.drop();
    }
  });
});
