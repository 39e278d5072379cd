import { ApiRouter } from '../http/api-router.js';
import { actorOf, ROLES } from '../http/auth.js';
import { Problem } from '../http/problem.js';
import type { JsonSchema } from '../http/validate.js';
import type { AppContext } from '../context.js';
import { listOf, named, wholeList } from '../schemas.js';
import { slaOf } from '../../engine/sla/index.js';
import {
  CalendarRepository,
  CalendarYearNotLoadedError,
  computeDeadline,
  normalizeDuration,
  TimeError,
  type DurationInput,
  type HolidayCnFile,
  type StoredOverride,
  type StoredYear,
} from '../../engine/time/index.js';

const IsoDate: JsonSchema = { type: 'string', format: 'date', description: 'YYYY-MM-DD (Asia/Shanghai calendar date)' };
const MAX_RANGE_DAYS = 731;
const TYPE_BASE = 'https://matterflow.dev/problems/';

export const CalendarDay: JsonSchema = named('CalendarDay', {
  type: 'object',
  description: 'One day: working or not, and why. 某日是否为工作日及原因。',
  properties: {
    date: IsoDate,
    working: { type: 'boolean' },
    reason: { enum: ['weekday', 'weekend', 'statutoryHoliday', 'makeupWorkday', 'localHoliday', 'localWorkday'] },
    name: { type: 'string' },
    overrideReason: { type: 'string' },
    source: { type: 'string' },
    provisional: { type: 'boolean', description: 'Late December while next year’s notice is not loaded: may still become a 调休 working day.' },
  },
  required: ['date', 'working', 'reason'],
});

export const CalendarReadiness: JsonSchema = named('CalendarReadiness', {
  type: 'object',
  description: 'Whether next year’s holiday schedule is loaded in time. 下一年节假日安排是否已及时加载。',
  properties: {
    year: { type: 'integer', description: 'The year after the current one (China time). 下一年。' },
    loaded: { type: 'boolean' },
    neededFrom: { ...IsoDate, description: 'From this day a limit started can end in that year. 自该日起开始的时限可能截止在下一年。' },
    needed: { type: 'boolean', description: 'Missing and needed now: past neededFrom, or clocks already wait for it. 尚未加载且已需要。' },
    clocksWaiting: { type: 'integer', description: 'Running or paused limits the reader may see that have no deadline for want of it. 因此暂无截止时间的办理时限数。' },
    loadWith: { type: 'string' },
    message: { type: 'string' },
    messageZh: { type: 'string' },
  },
  required: ['year', 'loaded', 'neededFrom', 'needed', 'clocksWaiting', 'loadWith', 'message', 'messageZh'],
});

/** A year's schedule in the NateScarlet/holiday-cn file format (what the State Council notice says). */
export const YearScheduleBody: JsonSchema = {
  type: 'object',
  description: 'A year of 国务院办公厅 节假日安排 in holiday-cn format. isOffDay true = day off, false = 调休 working day.',
  properties: {
    $schema: { type: 'string' },
    $id: { type: 'string' },
    year: { type: 'integer' },
    papers: { type: 'array', items: { type: 'string', maxLength: 500 }, maxItems: 20 },
    days: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, date: IsoDate, isOffDay: { type: 'boolean' } },
        required: ['name', 'date', 'isOffDay'],
        additionalProperties: false,
      },
    },
    reason: { type: 'string', maxLength: 500, description: 'Why it is loaded (e.g. 国办发明电〔2026〕N号).' },
  },
  required: ['days'],
  additionalProperties: false,
};

export const LoadedYear: JsonSchema = named('CalendarYear', {
  type: 'object',
  properties: {
    year: { type: 'integer' },
    days: { type: 'integer' },
    papers: { type: 'array', items: { type: 'string' } },
    loadedBy: { type: 'string' },
    loadedAt: { type: 'string', format: 'date-time' },
    reason: { type: ['string', 'null'] },
  },
  required: ['year', 'days', 'loadedBy', 'loadedAt'],
});

export const OverrideBody: JsonSchema = {
  type: 'object',
  properties: {
    date: IsoDate,
    kind: { enum: ['holiday', 'workday'] },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    reason: { type: 'string', minLength: 1, maxLength: 500 },
  },
  required: ['date', 'kind', 'name', 'reason'],
  additionalProperties: false,
};

export const CalendarOverride: JsonSchema = named('CalendarOverride', {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    date: IsoDate,
    kind: { enum: ['holiday', 'workday'] },
    name: { type: 'string' },
    reason: { type: 'string' },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'date', 'kind', 'name', 'reason', 'createdBy', 'createdAt'],
});

export const DeadlineResult: JsonSchema = named('Deadline', {
  type: 'object',
  properties: {
    start: { type: 'string', format: 'date-time' },
    dueAt: { type: 'string', format: 'date-time' },
    lastDay: { type: ['string', 'null'] },
    budget: { type: 'number' },
    unit: { enum: ['workingDay', 'naturalDay', 'hour'] },
    rolledOverFrom: { type: 'string' },
  },
  required: ['start', 'dueAt', 'budget', 'unit'],
});

/** A TimeError as problem+json: an uncovered year says which year and how to load it. */
function timeProblem(error: TimeError): Problem {
  const extras = error instanceof CalendarYearNotLoadedError ? ` (year ${error.year}: ${error.loadWith})` : '';
  return new Problem(422, error.message, error.messageZh, {
    type: TYPE_BASE + error.code.toLowerCase().replace(/_/g, '-'),
    errors: [{ message: error.message + extras, messageZh: error.messageZh, field: error.code }],
  });
}

/** Runs calendar arithmetic and turns its errors into problems. */
function withCalendarErrors<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof TimeError) throw timeProblem(error);
    throw error;
  }
}

const yearDto = (year: StoredYear) => ({ year: year.year, days: year.days.length, papers: year.papers, loadedBy: year.loadedBy, loadedAt: year.loadedAt.toISOString(), reason: year.reason });
const overrideDto = (override: StoredOverride) => ({ ...override, createdAt: override.createdAt.toISOString() });

/** The business calendar: days, official years, local overrides, deadline arithmetic (issue 5, D6). */
export function calendarRoutes(api: ApiRouter, { db, engine }: AppContext, repository = new CalendarRepository(db, engine.clock)): void {
  api.add(
    {
      method: 'get',
      path: '/calendar/days',
      operationId: 'listCalendarDays',
      summary: 'Each day from..to: working or not, and why',
      summaryZh: '查询日期范围内每天是否为工作日及原因',
      tag: 'Calendar',
      roles: ROLES,
      query: { type: 'object', properties: { from: IsoDate, to: IsoDate }, required: ['from', 'to'], additionalProperties: false },
      response: listOf(CalendarDay),
    },
    async (req, res) => {
      const { from, to } = req.query as { from: string; to: string };
      const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (span < 0 || span >= MAX_RANGE_DAYS) {
        throw new Problem(400, `from..to must be an ascending range of at most ${MAX_RANGE_DAYS} days`, `日期范围须从早到晚且不超过 ${MAX_RANGE_DAYS} 天`, {
          type: TYPE_BASE + 'validation',
          errors: [{ message: 'to must not be before from', messageZh: 'to 不能早于 from', pointer: '/query/to', field: 'to' }],
        });
      }
      const calendar = await repository.calendar();
      res.json(wholeList(withCalendarErrors(() => calendar.describeRange(from, to))));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/calendar/years',
      operationId: 'listCalendarYears',
      summary: 'Years the calendar covers, and where each year’s schedule comes from',
      summaryZh: '已覆盖的年份及其节假日安排来源',
      tag: 'Calendar',
      roles: ROLES,
      response: listOf({ type: 'object', properties: { year: { type: 'integer' }, source: { type: 'string' }, papers: { type: 'array', items: { type: 'string' } } } }),
    },
    async (_req, res) => {
      const calendar = await repository.calendar();
      res.json(wholeList(calendar.years().map((year) => ({ year, source: calendar.scheduleOf(year)?.source, papers: calendar.scheduleOf(year)?.papers ?? [] }))));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/calendar/readiness',
      operationId: 'getCalendarReadiness',
      summary: 'Whether next year’s official holiday schedule is loaded in time: limits started from October can end in it, and have no deadline until it is',
      summaryZh: '下一年节假日安排是否已及时加载：10 月起开始的时限可能截止在下一年，未加载前无截止时间',
      tag: 'Calendar',
      roles: ROLES,
      response: CalendarReadiness,
    },
    async (req, res) => {
      res.json(await slaOf(engine).calendarReadiness.of(actorOf(req)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/calendar/years/:year',
      operationId: 'loadCalendarYear',
      summary: 'Load (or replace) a year’s official holiday schedule (holiday-cn JSON)',
      summaryZh: '加载或替换某年国务院节假日安排（holiday-cn JSON 格式）',
      tag: 'Calendar',
      roles: ['admin'],
      params: { type: 'object', properties: { year: { type: 'integer', minimum: 1992, maximum: 9999 } }, required: ['year'] },
      body: YearScheduleBody,
      response: LoadedYear,
      status: 201,
    },
    async (req, res) => {
      const year = Number(req.params.year);
      const body = req.body as HolidayCnFile & { reason?: string };
      if (body.year !== undefined && body.year !== year) {
        throw new Problem(400, `The body is for ${body.year}, the path for ${year}`, `请求体年份 ${body.year} 与路径年份 ${year} 不一致`, {
          type: TYPE_BASE + 'validation',
          errors: [{ message: 'year must match the path', messageZh: 'year 须与路径一致', pointer: '/body/year', field: 'year' }],
        });
      }
      const saved = await repository.saveYear({ year, papers: body.papers ?? [], days: body.days }, actorOf(req).userId, body.reason);
      res.status(201).json(yearDto(saved));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/calendar/overrides',
      operationId: 'listCalendarOverrides',
      summary: 'Local overrides (local holidays, closures, local working days)',
      summaryZh: '本地日历调整列表',
      tag: 'Calendar',
      roles: ROLES,
      query: { type: 'object', properties: { from: IsoDate, to: IsoDate }, additionalProperties: false },
      response: listOf(CalendarOverride),
    },
    async (req, res) => {
      const { from, to } = req.query as { from?: string; to?: string };
      res.json(wholeList((await repository.listOverrides({ from, to })).map(overrideDto)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/calendar/overrides',
      operationId: 'createCalendarOverride',
      summary: 'Add a local override for one date',
      summaryZh: '新增本地日历调整（如台风停工日、本地补班日）',
      tag: 'Calendar',
      roles: ['admin'],
      body: OverrideBody,
      response: CalendarOverride,
      status: 201,
    },
    async (req, res) => {
      const { date, kind, name, reason } = req.body as { date: string; kind: 'holiday' | 'workday'; name: string; reason: string };
      res.status(201).json(overrideDto(await repository.addOverride({ date, kind, name, reason }, actorOf(req).userId)));
    },
  );

  api.add(
    {
      method: 'delete',
      path: '/calendar/overrides/:id',
      operationId: 'deleteCalendarOverride',
      summary: 'Delete a local override (the change trail keeps it)',
      summaryZh: '删除本地日历调整（变更记录保留）',
      tag: 'Calendar',
      roles: ['admin'],
      params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] },
      query: { type: 'object', properties: { reason: { type: 'string', maxLength: 500 } }, additionalProperties: false },
      status: 204,
    },
    async (req, res) => {
      await repository.deleteOverride(String(req.params.id), actorOf(req).userId, (req.query as { reason?: string }).reason);
      res.status(204).end();
    },
  );

  api.add(
    {
      method: 'get',
      path: '/calendar/add',
      operationId: 'addCalendarDuration',
      summary: 'Compute a deadline: start instant + duration (ISO 8601, or value + unit)',
      summaryZh: '计算期限：起算时间 + 时限（ISO 8601，或数值 + 单位）',
      tag: 'Calendar',
      roles: ROLES,
      query: {
        type: 'object',
        properties: {
          start: { type: 'string', format: 'date-time' },
          duration: { type: 'string', maxLength: 50, description: 'ISO 8601, e.g. P20D' },
          calendar: { enum: ['working', 'natural', 'clock'], default: 'working', description: 'How to read an ISO duration' },
          value: { type: 'number', minimum: 0 },
          unit: { type: 'string', maxLength: 20, description: 'minute|hour|naturalDay|workingDay|month|year (or 分钟/小时/工作日/自然日/月/年)' },
          lastDayRollover: { type: 'boolean' },
        },
        required: ['start'],
        additionalProperties: false,
      },
      response: DeadlineResult,
    },
    async (req, res) => {
      const q = req.query as unknown as { start: string; duration?: string; calendar: 'working' | 'natural' | 'clock'; value?: number; unit?: string; lastDayRollover?: boolean };
      let input: DurationInput;
      if (q.duration !== undefined && q.value === undefined && q.unit === undefined) input = q.duration;
      else if (q.duration === undefined && q.value !== undefined && q.unit !== undefined) input = { value: q.value, unit: q.unit };
      else {
        throw new Problem(400, 'Give either duration (ISO 8601) or value and unit', '请提供 duration（ISO 8601）或 value 与 unit 之一', {
          type: TYPE_BASE + 'validation',
          errors: [{ message: 'duration, or value + unit', messageZh: 'duration，或 value + unit', pointer: '/query/duration', field: 'duration' }],
        });
      }
      const duration = normalizeDuration(input, { calendar: q.calendar, ...(q.lastDayRollover !== undefined ? { lastDayRollover: q.lastDayRollover } : {}) });
      if (!duration.ok) throw timeProblem(duration.error);
      const start = new Date(q.start);
      const deadline = computeDeadline(await repository.calendar(), { start, duration: duration.value });
      if (!deadline.ok) throw timeProblem(deadline.error);
      const { dueAt, lastDay, budget, unit, rolledOverFrom } = deadline.value;
      res.json({ start: start.toISOString(), dueAt: (dueAt as Date).toISOString(), lastDay, budget, unit, ...(rolledOverFrom ? { rolledOverFrom } : {}) });
    },
  );
}
