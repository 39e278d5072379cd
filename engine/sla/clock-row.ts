import type { ClockInput, NormalizedDuration } from '../time/index.js';

export type ClockSubject = 'case' | 'task';
export type ClockKind = 'statutory' | 'committed' | 'response' | 'step';
export type ClockLevel = 'normal' | 'warning' | 'overdue';
export type ClockState = 'running' | 'paused' | 'stopped';

/** Why a clock stands still: 补正 (materials), 特别程序 (第45条 听证、检验、鉴定、专家评审…), 中止 (suspension). */
export const PAUSE_KINDS = ['补正', '特别程序', '中止', '其他'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

export interface PauseRecord {
  from: string;
  to: string | null;
  kind: PauseKind;
  reason: string;
  legalBasis: string | null;
  by: string;
}

export interface ExtensionRecord {
  duration: NormalizedDuration;
  reason: string;
  legalBasis: string | null;
  approvedBy: string;
  at: string;
}

/** The allowance as stored: the maximum already normalised. */
export interface ExtensionRule {
  maxCount: number;
  max: NormalizedDuration;
  basis: string;
  /** The post that grants a 延期申请 (default 审批负责人, "经本行政机关负责人批准"). */
  approverPost?: string;
}

export interface SupervisionRule {
  /** The supervising department (督办单位). */
  unit: string;
  /** Level n+1 follows level n after intervals[n-1] more (working days by default). */
  intervals: NormalizedDuration[];
}

/** A row of sla_clocks (engine/store/migrations/0300_sla.sql). */
export interface SlaClockRow {
  id: string;
  instance_id: string;
  department: string;
  subject: ClockSubject;
  kind: ClockKind;
  principal: boolean;
  task_id: string | null;
  element_instance_id: string | null;
  element_id: string | null;
  label: string | null;
  source: string;
  start_at: Date;
  duration: NormalizedDuration;
  extensions: ExtensionRecord[];
  pauses: PauseRecord[];
  extension_rule: ExtensionRule | null;
  warn_at: number;
  due_at: Date | null;
  warn_due_at: Date | null;
  level: ClockLevel;
  state: ClockState;
  stopped_at: Date | null;
  next_check_at: Date | null;
  calendar_revision: string | number;
  supervision: SupervisionRule | null;
  escalation_level: number;
  next_escalation_at: Date | null;
  error: string | null;
  created_at: Date;
}

/** The exact input of engine/time's computeDeadline/readClock for a stored clock. */
export function clockInputOf(row: Pick<SlaClockRow, 'start_at' | 'duration' | 'pauses' | 'extensions'>): ClockInput {
  return {
    start: new Date(row.start_at),
    duration: row.duration,
    pauses: row.pauses.map((pause) => ({ from: new Date(pause.from), to: pause.to ? new Date(pause.to) : null })),
    extensions: row.extensions.map((extension) => extension.duration),
  };
}

export const LEVEL_RANK: Readonly<Record<ClockLevel, number>> = { normal: 0, warning: 1, overdue: 2 };
