import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import { readClock, type BusinessCalendar, type NormalizedDuration } from '../time/index.js';
import { clockInputOf, PAUSE_KINDS, type PauseKind, type SlaClockRow } from './clock-row.js';
import { lockOpenClocks, round, saveClock } from '../store/sla/clocks.js';
import { recordSlaEvent } from './sla-events.js';
import { durationOf } from './sla-rules.js';

export interface PauseRequest {
  kind: PauseKind;
  reason: string;
  legalBasis?: string | null;
}

export interface ResumeRequest {
  reason?: string | null;
}

export interface ExtensionRequest {
  /** {value, unit} or ISO 8601 text (working days). */
  duration: unknown;
  reason: string;
  legalBasis?: string | null;
  approvedBy?: string | null;
}

/** What the clock operations need from their caller: the transaction, the calendar, who and when. */
export interface ControlScope {
  tx: Db;
  calendar: BusinessCalendar;
  revision: number;
  instanceId: string;
  department: string;
  actor: string;
  now: Date;
  /**
   * Whether the actor holds a post. Given for direct changes (POST /sla/extensions): where the rule names
   * the post that grants an extension, only its holders extend directly; others file a 延期申请.
   */
  holdsPost?: (post: string) => boolean;
}

/**
 * 补正, 第45条 special procedures and 中止 stop every open clock of the case (the case's and its tasks'),
 * with the reason and the law in history. Pausing a paused case is a conflict; nothing changes then.
 */
export async function pauseClocks(scope: ControlScope, request: PauseRequest): Promise<SlaClockRow[]> {
  if (!(PAUSE_KINDS as readonly string[]).includes(request.kind)) {
    throw new EngineError('invalid', `Unknown pause kind "${request.kind}"; use ${PAUSE_KINDS.join(', ')}`, `未知的暂停类型“${request.kind}”，可用：${PAUSE_KINDS.join('、')}`);
  }
  const clocks = await referenceClocks(scope);
  const paused = clocks.find((clock) => clock.state === 'paused');
  if (paused) {
    const open = paused.pauses[paused.pauses.length - 1];
    throw new EngineError('conflict', `The case clock is already paused (${open?.kind} since ${open?.from}); resume it first`, `该案件时限已处于暂停状态（${open?.kind}，自 ${open?.from} 起），请先恢复计时`);
  }
  const at = scope.now.toISOString();
  const saved: SlaClockRow[] = [];
  for (const clock of clocks) {
    const pauses = [...clock.pauses, { from: at, to: null, kind: request.kind, reason: request.reason, legalBasis: request.legalBasis ?? null, by: scope.actor }];
    saved.push(await saveClock(scope.tx, scope.calendar, scope.revision, { ...clock, pauses, state: 'paused' }));
  }
  await recordSlaEvent(scope.tx, {
    instanceId: scope.instanceId,
    department: scope.department,
    at: scope.now,
    type: 'sla.clock.paused',
    actor: scope.actor,
    data: { clockIds: clocks.map((clock) => clock.id), kind: request.kind, reason: request.reason, legalBasis: request.legalBasis ?? null, from: at },
    notify: true,
  });
  return saved;
}

/** Restarts the paused clocks; the paused stretch never counts. Resuming a running case is a conflict. */
export async function resumeClocks(scope: ControlScope, request: ResumeRequest): Promise<SlaClockRow[]> {
  const clocks = (await referenceClocks(scope)).filter((clock) => clock.state === 'paused');
  if (clocks.length === 0) throw new EngineError('conflict', 'The case clock is running, not paused', '该案件时限正在计时，未处于暂停状态');
  const at = scope.now.toISOString();
  const saved: SlaClockRow[] = [];
  let pause: SlaClockRow['pauses'][number] | undefined;
  for (const clock of clocks) {
    pause = clock.pauses[clock.pauses.length - 1];
    const pauses = clock.pauses.map((entry, index) => (index === clock.pauses.length - 1 ? { ...entry, to: at } : entry));
    saved.push(await saveClock(scope.tx, scope.calendar, scope.revision, { ...clock, pauses, state: 'running' }));
  }
  const principal = saved.find((clock) => clock.principal) ?? saved[0];
  await recordSlaEvent(scope.tx, {
    instanceId: scope.instanceId,
    department: scope.department,
    at: scope.now,
    type: 'sla.clock.resumed',
    actor: scope.actor,
    data: {
      clockIds: clocks.map((clock) => clock.id),
      kind: pause?.kind ?? null,
      pausedFrom: pause?.from ?? null,
      pausedTo: at,
      reason: request.reason ?? null,
      dueAt: principal.due_at ? new Date(principal.due_at).toISOString() : null,
    },
    notify: true,
  });
  return saved;
}

/**
 * 延期: adds time to the case's statutory and committed clocks, within the matter's allowance (how often and
 * how much in total). Refused with the rule (422) when there is no allowance, when it is used up, when the
 * unit differs, or when the limit has already expired (an extension is decided within the period).
 */
export async function extendClocks(scope: ControlScope, request: ExtensionRequest): Promise<SlaClockRow[]> {
  const clocks = (await lockOpenClocks(scope.tx, scope.instanceId, 'case')).filter((clock) => clock.kind === 'statutory' || clock.kind === 'committed');
  const ruled = clocks.find((clock) => clock.extension_rule);
  if (!ruled?.extension_rule) {
    throw new EngineError('invalid', 'This case allows no extension: its matter defines no extension limit', '该事项未规定延长期限，不能延期', [
      { message: 'no extension rule (matter.legalExtension or the SLA profile)', messageZh: '事项目录（法定延长期限）和时限规则均未规定可延期' },
    ]);
  }
  const rule = ruled.extension_rule;
  if (rule.approverPost && scope.holdsPost && !scope.holdsPost(rule.approverPost)) {
    throw new EngineError(
      'forbidden',
      `An extension of this case is granted by the post ${rule.approverPost}: file an extension request (POST /process-instances/{id}/extension-requests)`,
      `该案件的延期须由“${rule.approverPost}”岗位批准，请提交延期申请`,
    );
  }
  const duration = durationOf(request.duration, 'duration', 'extension');
  const ruleText = `${rule.basis}: at most ${rule.maxCount} time(s), ${describe(rule.max)} in total`;
  const ruleTextZh = `${rule.basis}：最多延期 ${rule.maxCount} 次，合计不超过 ${describeZh(rule.max)}`;
  const refuse = (message: string, messageZh: string): never => {
    throw new EngineError('invalid', `${message} (${ruleText})`, `${messageZh}（${ruleTextZh}）`, [{ message: ruleText, messageZh: ruleTextZh }]);
  };
  if (duration.kind !== rule.max.kind) refuse(`An extension in ${describe(duration)} does not match the allowance in ${describe(rule.max)}`, `延期单位与允许的延长期限单位不一致`);
  const granted = ruled.extensions;
  if (granted.length >= rule.maxCount) refuse(`The case was already extended ${granted.length} time(s)`, `该案件已延期 ${granted.length} 次`);
  const total = amountOf(duration) + granted.reduce((sum, extension) => sum + amountOf(extension.duration), 0);
  if (total > amountOf(rule.max)) refuse(`An extension of ${describe(duration)} exceeds the allowance`, `延期 ${describeZh(duration)} 超过允许的延长期限`);
  for (const clock of clocks) {
    const reading = readClock(scope.calendar, clockInputOf(clock), scope.now, { warnAt: clock.warn_at });
    if (reading.ok && reading.value.level === 'overdue') refuse(`The ${clock.kind} limit already expired at ${reading.value.dueAt.toISOString()}`, `时限已于 ${reading.value.dueAt.toISOString()} 届满，不能再延期`);
  }

  const record = { duration, reason: request.reason, legalBasis: request.legalBasis ?? rule.basis, approvedBy: request.approvedBy ?? scope.actor, at: scope.now.toISOString() };
  const saved: SlaClockRow[] = [];
  for (const clock of clocks) {
    const extended = { ...clock, extensions: [...clock.extensions, record] };
    const reading = readClock(scope.calendar, clockInputOf(extended), scope.now, { warnAt: clock.warn_at });
    const level = reading.ok ? reading.value.level : clock.level;
    saved.push(await saveClock(scope.tx, scope.calendar, scope.revision, { ...extended, level }));
  }
  const principal = saved.find((clock) => clock.principal) ?? saved[0];
  await recordSlaEvent(scope.tx, {
    instanceId: scope.instanceId,
    department: scope.department,
    at: scope.now,
    type: 'sla.clock.extended',
    actor: scope.actor,
    data: {
      clockIds: clocks.map((clock) => clock.id),
      duration,
      reason: record.reason,
      legalBasis: record.legalBasis,
      approvedBy: record.approvedBy,
      count: granted.length + 1,
      dueAt: principal.due_at ? new Date(principal.due_at).toISOString() : null,
    },
    notify: true,
  });
  return saved;
}

/** The clocks a pause or resume acts on: every open clock, judged by the case's own (or, without any, the tasks'). */
async function referenceClocks(scope: ControlScope): Promise<SlaClockRow[]> {
  const clocks = await lockOpenClocks(scope.tx, scope.instanceId);
  if (clocks.length === 0) throw new EngineError('conflict', 'The case has no running time limit', '该案件没有正在计时的时限');
  const caseClocks = clocks.filter((clock) => clock.subject === 'case');
  if (caseClocks.length === 0) return clocks;
  // Task clocks follow the case: a task clock that is not in the case's state is left alone.
  const state = caseClocks[0].state;
  return clocks.filter((clock) => clock.subject === 'case' || clock.state === state);
}

function amountOf(duration: NormalizedDuration): number {
  switch (duration.kind) {
    case 'workingDays':
    case 'naturalDays':
      return duration.days;
    case 'months':
      return duration.months;
    case 'elapsed':
      return duration.ms;
    case 'isoClock':
      return duration.ms;
  }
}

function describe(duration: NormalizedDuration): string {
  switch (duration.kind) {
    case 'workingDays':
      return `${duration.days} working days`;
    case 'naturalDays':
      return `${duration.days} natural days`;
    case 'months':
      return `${duration.months} months`;
    default:
      return `${round(amountOf(duration) / 3_600_000)} hours`;
  }
}

function describeZh(duration: NormalizedDuration): string {
  switch (duration.kind) {
    case 'workingDays':
      return `${duration.days} 个工作日`;
    case 'naturalDays':
      return `${duration.days} 日`;
    case 'months':
      return `${duration.months} 个月`;
    default:
      return `${round(amountOf(duration) / 3_600_000)} 小时`;
  }
}
