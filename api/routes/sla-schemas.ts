import { named } from '../schemas.js';
import type { JsonSchema } from '../http/validate.js';

/** JSON Schemas of the SLA resources (issue 5), shared by the sla, clock, evaluation, notification and metrics routes. */

export const Duration: JsonSchema = {
  description: 'A time limit: {value, unit} as the catalog writes it (unit minute|hour|naturalDay|workingDay|month|year or 工作日/自然日/小时…), or ISO 8601 text in working days (P10D).',
  oneOf: [
    { type: 'string', minLength: 2, maxLength: 40 },
    {
      type: 'object',
      properties: { value: { type: 'number', minimum: 0 }, unit: { type: 'string', minLength: 1, maxLength: 20 } },
      required: ['value', 'unit'],
      additionalProperties: false,
    },
  ],
};

const Instant = { type: ['string', 'null'], format: 'date-time' };

export const ClockView: JsonSchema = named('Clock', {
  type: 'object',
  description: 'An SLA clock: the limit, its deadline and the time left (in `unit`), read at the time of the request. 时限：截止时间与剩余时间。',
  properties: {
    id: { type: 'string' },
    subject: { enum: ['case', 'task'] },
    kind: { enum: ['statutory', 'committed', 'response', 'step'], description: 'statutory 法定时限, committed 承诺时限, response 首次响应, step 环节时限' },
    principal: { type: 'boolean', description: 'The clock that decides 按时办结 and 督办.' },
    label: { type: ['string', 'null'] },
    source: { type: 'string', description: 'matter (catalog), model (gov:sla) or profile:<id>' },
    processInstanceId: { type: 'string', format: 'uuid' },
    taskId: { type: ['string', 'null'] },
    elementId: { type: ['string', 'null'] },
    state: { enum: ['running', 'paused', 'stopped'] },
    level: { enum: ['normal', 'warning', 'overdue'], description: 'normal 正常, warning 临期, overdue 超期' },
    start: { type: 'string', format: 'date-time' },
    duration: { type: 'object' },
    dueAt: Instant,
    lastDay: { type: ['string', 'null'] },
    warnAt: { type: 'number' },
    warnDueAt: Instant,
    unit: { type: ['string', 'null'], enum: ['workingDay', 'naturalDay', 'hour', null] },
    budget: { type: ['number', 'null'] },
    consumed: { type: ['number', 'null'] },
    remaining: { type: ['number', 'null'], description: 'Negative once overdue.' },
    share: { type: ['number', 'null'] },
    onTime: { type: ['boolean', 'null'] },
    stoppedAt: Instant,
    pauses: { type: 'array', items: { type: 'object' } },
    extensions: { type: 'array', items: { type: 'object' } },
    extensionRule: { type: ['object', 'null'] },
    supervision: { type: ['object', 'null'] },
    escalationLevel: { type: 'integer' },
    nextEscalationAt: Instant,
    error: { type: ['string', 'null'], description: 'Why the clock has no deadline (English / Chinese), e.g. a year whose holidays are not published yet.' },
    errorCode: { type: ['string', 'null'], description: 'The same reason as a stable code: CALENDAR_YEAR_NOT_LOADED, INVALID_DURATION, … 无截止时间的原因代码' },
    errorZh: { type: ['string', 'null'], description: '无截止时间的原因（中文）' },
  },
  required: ['id', 'subject', 'kind', 'state', 'level', 'dueAt', 'remaining'],
});

export const CaseSla: JsonSchema = named('CaseSla', {
  type: 'object',
  properties: {
    processInstanceId: { type: 'string' },
    department: { type: 'string' },
    calendarRevision: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    case: { type: 'array', items: ClockView },
    tasks: { type: 'array', items: ClockView },
    supervisions: { type: 'array', items: { type: 'object' } },
    reopen: { type: ['object', 'null'] },
  },
  required: ['processInstanceId', 'case', 'tasks'],
});
