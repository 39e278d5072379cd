import type { Actor, Clock, Db, Engine, TaskView } from '../../engine/index.js';
import { Catalog } from '../../catalog/index.js';
import { dispatchTicket } from '../../catalog/dispatch/dispatch-ticket.js';
import { mergeTicket, takeIn } from '../../catalog/intake/ticket-intake.js';
import { slaOf } from '../../engine/sla/index.js';
import { planMonth, seeded, type PlannedTicket } from './demo-plan.js';

/** The demo's clock: each stage of the simulated month runs at its own time of day. */
export class DemoClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
}

export interface DemoOptions {
  tickets: number;
  /** YYYY-MM: the month the tickets come in (Asia/Shanghai days). */
  month: string;
  seed: number;
  /** Tickets worked at once within a stage. */
  concurrency: number;
  /** Matter types to draw categories from. */
  matterTypes: string[];
  log?: (line: string) => void;
}

export interface DemoReport {
  tickets: number;
  started: number;
  refused: number;
  merged: number;
  sentBack: number;
  completed: number;
  evaluated: number;
  reopened: number;
  rectified: number;
  commands: number;
  seconds: number;
  ticketsPerSecond: number;
  commandsPerSecond: number;
  towns: number;
  categories: number;
}

interface Live {
  plan: PlannedTicket;
  instanceId?: string;
  merged?: boolean;
}

/** A member of staff of the task's own department holding its posts: who would really do that step. */
function staffFor(task: Pick<TaskView, 'department' | 'candidate_groups'>): Actor {
  return { userId: `demo.${task.department}`, department: task.department, roles: ['staff'], groups: task.candidate_groups };
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/**
 * 民意速办 for a month, by simulated staff through the engine in-process: 集中受理 (with address
 * normalisation and duplicate merging) → 分拨 by the rules (1% 退单 and 改派) → 签收 → 处置 → 答复 →
 * 回访 → 好差评 (a 差评 reopens or opens a 整改). Days are pipelined so the clock only moves forward:
 * each day intake at 09:00, dispatch at 10:00, handling at 15:00, replies at 16:00, visits at 17:00.
 */
export async function runHotlineDemo(db: Db, engine: Engine, clock: DemoClock, options: DemoOptions): Promise<DemoReport> {
  const log = options.log ?? (() => undefined);
  const catalog = new Catalog(db, engine);
  const matters: Array<{ code: string; name: string }> = [];
  for (const matterType of options.matterTypes) {
    const { items } = await catalog.searchMatters({ matterType, limit: 1000 });
    matters.push(...items.map((item) => ({ code: item.code, name: item.name })));
  }
  if (matters.length === 0) throw new Error(`No matters of type ${options.matterTypes.join(', ')} in the catalog (load the sample catalog first)`);
  const towns = await catalog.regions({ level: 'town' });
  const villages = await catalog.regions({ level: 'village' });
  const townName = new Map(towns.map((town) => [town.code, town.name]));
  const regions = [
    ...towns.map((town) => ({ code: town.code, name: town.name, townName: town.name })),
    ...villages.filter((village) => village.parentCode && townName.has(village.parentCode)).map((village) => ({ code: village.code, name: village.name, townName: townName.get(village.parentCode!)! })),
  ];
  const [year, month] = options.month.split('-').map(Number);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const plan = planMonth({ tickets: options.tickets, days, seed: options.seed, matters, regions });
  const random = seeded(options.seed + 1);
  const sla = slaOf(engine);
  const report: DemoReport = { tickets: plan.length, started: 0, refused: 0, merged: 0, sentBack: 0, completed: 0, evaluated: 0, reopened: 0, rectified: 0, commands: 0, seconds: 0, ticketsPerSecond: 0, commandsPerSecond: 0, towns: towns.length, categories: matters.length };
  const live: Live[] = plan.map((ticket) => ({ plan: ticket }));
  // The centre's intake post (热线受理) takes in and merges; the web and app channels' accounts hold it too.
  const hotline = (channel: PlannedTicket['channel']): Actor => ({ userId: `demo.${channel}`, department: 'RX12345', roles: channel === 'web' || channel === 'app' ? ['integrator'] : ['staff'], groups: ['热线受理'] });
  const reader: Actor = { userId: 'demo.monitor', department: 'ZSJ', roles: ['admin'] };
  const openTasks = (instanceId: string) => engine.listTasks(reader, { instanceId, state: 'created' });
  const at = (day: number, hour: number) => new Date(Date.UTC(year, month - 1, day + 1, hour - 8));
  const counted = async <T>(work: Promise<T>) => {
    const result = await work;
    report.commands += 1;
    return result;
  };

  const mergedAway = new Set<string>();
  const masters = new Set<string>();
  const intake = async (ticket: Live) => {
    try {
      const outcome = await counted(
        takeIn(catalog, hotline(ticket.plan.channel), { channel: ticket.plan.channel, matterCode: ticket.plan.matterCode, text: ticket.plan.text, address: ticket.plan.address, reporter: { name: `市民${ticket.plan.index}` } }),
      );
      ticket.instanceId = outcome.instance.id;
      report.started += 1;
      // The operator merges a likely duplicate of the same place now and then (not every one is a duplicate).
      const master = outcome.duplicates.find((duplicate) => !mergedAway.has(duplicate.instanceId));
      // Claimed before the first await, so two tickets taken in at once never merge into each other.
      if (master && random() < 0.3 && outcome.instance.department === 'RX12345' && !masters.has(outcome.instance.id)) {
        mergedAway.add(outcome.instance.id);
        masters.add(master.instanceId);
        await counted(mergeTicket(catalog, hotline('phone'), outcome.instance.id, { masterId: master.instanceId, reason: '同一地点同类诉求，并案处理' }));
        ticket.merged = true;
        report.merged += 1;
      }
    } catch (error) {
      report.refused += 1;
      if (report.refused <= 5) log(`  受理失败 ${ticket.plan.matterCode}@${ticket.plan.regionCode}: ${(error as Error).message}`);
    }
  };

  /** Completes the open tasks of the case one by one (a dispatch step by the rules), up to `steps`, or through the dispatch step. */
  const work = async (ticket: Live, steps: number, throughDispatch = false) => {
    for (let step = 0; step < steps; step += 1) {
      const [task] = await openTasks(ticket.instanceId!);
      if (!task) return;
      if (task.element_id === 'Task_Dispatch') {
        const outcome = await counted(dispatchTicket(catalog, staffFor(task), task.id, {}));
        if (!outcome.dispatched) {
          // The command centre decides: the matter's competent department.
          const matter = await catalog.getMatter(ticket.plan.matterCode);
          await counted(dispatchTicket(catalog, { ...staffFor(outcome.task), groups: ['指挥中心'] }, task.id, { unit: matter.document.competentDept, reason: '指挥中心人工分拨' }));
        }
        if (throughDispatch) return;
        continue;
      }
      const actor = staffFor(task);
      if (!task.assignee) await counted(engine.claimTask(actor, task.id));
      await counted(engine.completeTask(actor, task.id, (task.name ?? '').includes('回访') ? { satisfaction: ticket.plan.evaluation } : { result: '已处置' }));
    }
  };

  const dispatch = async (ticket: Live) => {
    // Through the dispatch step (the 12345 template starts with it; the city-management one registers first).
    await work(ticket, 3, true);
    if (!ticket.plan.sentBack) return;
    const [task] = await openTasks(ticket.instanceId!);
    if (!task) return;
    await counted(engine.operations.sendBack(staffFor(task), task.id, { reason: '不属于本单位职责' }));
    report.sentBack += 1;
    await work(ticket, 1, true);
  };

  const evaluate = async (ticket: Live) => {
    await work(ticket, 10);
    const instance = (await engine.getInstance(reader, ticket.instanceId!)) as { status: string; department: string };
    if (instance.status !== 'completed') return;
    report.completed += 1;
    const evaluator: Actor = ticket.plan.citizenEvaluates ? { userId: 'demo.citizen', department: instance.department, roles: ['integrator'] } : { userId: 'demo.visit', department: instance.department, roles: ['staff'] };
    const outcome = await counted(sla.evaluations.evaluate(evaluator, ticket.instanceId!, { result: ticket.plan.evaluation, remedy: ['不满意', '非常不满意'].includes(ticket.plan.evaluation) ? ticket.plan.remedy : undefined }));
    report.evaluated += 1;
    if (outcome.rectification) report.rectified += 1;
    if (outcome.reopened) {
      // 重办: the reopened ticket is worked through at once by the same units.
      report.reopened += 1;
      await work({ plan: ticket.plan, instanceId: outcome.reopened.id }, 10);
    }
  };

  const started = Date.now();
  const lastDay = Math.max(...plan.map((ticket) => ticket.visitDay));
  for (let day = 0; day <= lastDay; day += 1) {
    const stage = async (hour: number, tickets: Live[], step: (ticket: Live) => Promise<void>) => {
      if (tickets.length === 0) return;
      clock.set(at(day, hour));
      await pool(tickets, options.concurrency, step);
    };
    const active = (pick: (plan: PlannedTicket) => number) => live.filter((ticket) => pick(ticket.plan) === day && ticket.instanceId && !ticket.merged);
    await stage(9, live.filter((ticket) => ticket.plan.intakeDay === day), intake);
    await stage(10, active((p) => p.intakeDay), dispatch);
    await stage(15, active((p) => p.handleDay), (ticket) => work(ticket, 1));
    await stage(16, active((p) => p.replyDay), (ticket) => work(ticket, 1));
    await stage(17, active((p) => p.visitDay), evaluate);
    if (day < days && (day + 1) % 5 === 0) log(`  第 ${day + 1} 天：已受理 ${report.started} 件，办结 ${report.completed} 件，${report.commands} 条命令，${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  }
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  report.ticketsPerSecond = Math.round((report.started / Math.max(report.seconds, 0.1)) * 10) / 10;
  report.commandsPerSecond = Math.round((report.commands / Math.max(report.seconds, 0.1)) * 10) / 10;
  return report;
}
