import { CalendarReadinessCheck } from './calendar-readiness.js';
import { isAdmin } from '../staff/access.js';
import type { Engine } from '../engine.js';
import { CalendarCache } from './calendar-cache.js';
import { extendClocks, pauseClocks, resumeClocks, type ControlScope, type ExtensionRequest, type PauseRequest, type ResumeRequest } from './clock-control.js';
import type { SlaClockRow } from './clock-row.js';
import { Evaluations } from './evaluations.js';
import { Rectifications } from './rectifications.js';
import { SlaExtension } from './sla-extension.js';
import { SlaMetrics } from './sla-metrics.js';
import { SlaMonitor, type MonitorOptions } from './sla-monitor.js';
import { slaProfiles } from './sla-profiles.js';
import { DEFAULT_SLA, type SlaDefaults } from './sla-rules.js';
import { SlaViews } from './sla-views.js';
import { SupervisionStarter } from './supervision.js';
import { SupervisionLedger } from './supervision-ledger.js';
import { ExtensionRequests } from './extension-requests.js';
import { Webhooks, DEFAULT_DELIVERY, type DeliveryOptions } from './webhooks.js';
import type { Actor } from '../actor.js';

export interface SlaOptions {
  defaults?: SlaDefaults;
  delivery?: DeliveryOptions;
  monitor?: MonitorOptions;
  supervisionModelFile?: string;
}

/**
 * SLA on cases and tasks for one engine: the extension that starts and stops clocks inside commands, clock
 * control (pause, resume, extend), the monitor (临期, 超期, 督办, webhooks), evaluations and metrics.
 */
export class Sla {
  readonly calendars: CalendarCache;
  readonly extension: SlaExtension;
  readonly views: SlaViews;
  readonly webhooks: Webhooks;
  readonly supervision: SupervisionStarter;
  /** 督办 requested, open (挂账) and closed (销号). */
  readonly ledger: SupervisionLedger;
  /** 延期申请: asked by the unit handling a case, granted by the post the rule names. */
  readonly extensionRequests: ExtensionRequests;
  readonly monitor: SlaMonitor;
  readonly evaluations: Evaluations;
  readonly rectifications: Rectifications;
  readonly metrics: SlaMetrics;
  /** Whether next year's holiday schedule is loaded in time for the limits now being started. */
  readonly calendarReadiness: CalendarReadinessCheck;

  constructor(
    readonly engine: Engine,
    options: SlaOptions = {},
  ) {
    this.calendars = new CalendarCache(engine.clock);
    this.extension = new SlaExtension({ calendars: this.calendars, profiles: slaProfiles(), defaults: options.defaults ?? DEFAULT_SLA });
    this.views = new SlaViews(engine, this.calendars);
    this.webhooks = new Webhooks(engine.db, engine.clock, options.delivery ?? DEFAULT_DELIVERY);
    this.supervision = new SupervisionStarter(engine, options.supervisionModelFile);
    this.ledger = new SupervisionLedger(engine, this.supervision);
    this.extensionRequests = new ExtensionRequests(engine, this.calendars);
    this.monitor = new SlaMonitor(engine, this.calendars, this.supervision, this.webhooks, options.monitor);
    this.evaluations = new Evaluations(engine, this.calendars);
    this.rectifications = new Rectifications(engine);
    this.metrics = new SlaMetrics(engine.db, this.calendars, engine.clock);
    this.calendarReadiness = new CalendarReadinessCheck(engine, this.calendars);
  }

  pause(actor: Actor, instanceId: string, request: PauseRequest): Promise<SlaClockRow[]> {
    return this.control(actor, instanceId, (scope) => pauseClocks(scope, request));
  }

  resume(actor: Actor, instanceId: string, request: ResumeRequest = {}): Promise<SlaClockRow[]> {
    return this.control(actor, instanceId, (scope) => resumeClocks(scope, request));
  }

  extend(actor: Actor, instanceId: string, request: ExtensionRequest): Promise<SlaClockRow[]> {
    return this.control(actor, instanceId, (scope) => extendClocks(scope, { ...request, approvedBy: request.approvedBy ?? actor.userId }));
  }

  /** Clocks are changed by the department that owns the case (a department taking part, or a supervisor, only reads them). */
  private async control<T>(actor: Actor, instanceId: string, work: (scope: ControlScope) => Promise<T>): Promise<T> {
    const instance = await this.engine.ownedInstance(actor, instanceId);
    return this.engine.db.transaction(async (tx) => {
      const { calendar, revision } = await this.calendars.current(tx);
      const holdsPost = (post: string) => isAdmin(actor) || (actor.groups ?? []).includes(post);
      return work({ tx, calendar, revision, instanceId: instance.id, department: instance.department, actor: actor.userId, now: this.engine.clock.now(), holdsPost });
    });
  }
}

const modules = new WeakMap<Engine, Sla>();
const installed = new WeakSet<Engine>();

/** The SLA module of an engine (one per engine, so the API routes, the extension and the monitor share it). */
export function slaOf(engine: Engine, options?: SlaOptions): Sla {
  let sla = modules.get(engine);
  if (!sla) {
    sla = new Sla(engine, options);
    modules.set(engine, sla);
  }
  return sla;
}

/** Adds the SLA extension to an engine (once, however often it is called): the one line api/server.ts needs. */
export function withSla(engine: Engine, options?: SlaOptions): Engine {
  const sla = slaOf(engine, options);
  if (!installed.has(engine)) {
    engine.use(sla.extension);
    installed.add(engine);
  }
  return engine;
}

/**
 * Starts the SLA monitor of a server's engine (临期, 超期, 督办, calendar recompute, webhooks); call `stop()` at
 * shutdown. MATTERFLOW_SLA_POLL_MS sets how often it looks (default 5000).
 */
export function startSlaMonitor(context: { engine: Engine }): SlaMonitor {
  const poll = Number(process.env.MATTERFLOW_SLA_POLL_MS);
  return slaOf(context.engine).monitor.start(Number.isFinite(poll) && poll > 0 ? poll : undefined);
}
