import type { ErrorRequestHandler } from 'express';
import { EngineError } from '../../engine/index.js';
import { lineAndColumn } from '../../engine/model/text-position.js';

/** Where the character at an index of a request's text is (line and column from 1). */
export { lineAndColumn };

/** One thing wrong with a request, and where: a JSON pointer, an element, an XML position, a row. */
export interface ProblemDetail {
  message: string;
  messageZh?: string;
  pointer?: string;
  elementId?: string;
  line?: number;
  column?: number;
  row?: number;
  field?: string;
}

/** An RFC 9457 problem, in English and Chinese; thrown by handlers, rendered by `problemHandler`. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly titleZh: string,
    readonly extras: { detail?: string; detailZh?: string; type?: string; errors?: ProblemDetail[]; retryAfterSeconds?: number } = {},
  ) {
    super(title);
    this.name = 'Problem';
  }
}

const ENGINE_STATUS = { 'not-found': 404, conflict: 409, invalid: 422, forbidden: 403, 'rate-limited': 429 } as const;
const TYPE_BASE = 'https://matterflow.dev/problems/';

export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof EngineError) {
    return new Problem(ENGINE_STATUS[error.kind], error.message, error.messageZh, {
      type: TYPE_BASE + error.kind,
      ...(error.details.length > 0 ? { errors: error.details } : {}),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    });
  }
  // Errors raised by express's body parsers carry a status and a type.
  const parserError = error as { status?: number; type?: string; message?: string; body?: unknown };
  if (parserError.type === 'entity.too.large') {
    return new Problem(413, 'The request body is too large', '请求体超过大小限制', { type: TYPE_BASE + 'too-large', detail: parserError.message });
  }
  if (parserError.type === 'entity.parse.failed') return malformedJson(parserError.message ?? '', parserError.body);
  if (parserError.type === 'charset.unsupported' || parserError.type === 'encoding.unsupported') {
    return new Problem(415, parserError.message ?? 'Unsupported body encoding', '不支持的请求体字符集或压缩方式', { type: TYPE_BASE + 'unsupported-media-type' });
  }
  if (parserError.status && parserError.status >= 400 && parserError.status < 500) {
    // Another parser's refusal (a gzip body that is not gzip, a path that is not percent-encoded): its words, and ours.
    return new Problem(parserError.status, parserError.message ?? 'Bad request', '请求无法解析（请检查请求体的压缩方式或路径中的百分号编码）', { detail: parserError.message });
  }
  const database = databaseProblem(error);
  if (database) return database;
  return new Problem(500, 'Internal server error', '服务器内部错误', { type: TYPE_BASE + 'internal' });
}

/**
 * A body that is not JSON, or JSON that is not an object or array (express.json is strict): where it went wrong,
 * as a line and column of the body, in English and Chinese.
 */
function malformedJson(message: string, body: unknown): Problem {
  const text = typeof body === 'string' ? body : '';
  const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
  const topLevel = /^\s*[^\s{[]/.test(text);
  const where: ProblemDetail = topLevel
    ? { pointer: '/body', message: 'The body must be a JSON object (or array), not a bare value', messageZh: '请求体必须是 JSON 对象（或数组），不能是单独的值' }
    : { pointer: '/body', message: `Invalid JSON: ${message}`, messageZh: Number.isFinite(position) ? 'JSON 语法错误' : `JSON 语法错误：${message}` };
  if (!topLevel && Number.isFinite(position) && text) {
    Object.assign(where, lineAndColumn(text, position));
    where.messageZh = `JSON 语法错误（第 ${where.line} 行第 ${where.column} 列）`;
  }
  return new Problem(400, topLevel ? 'The request body must be a JSON object' : 'The request body is not valid JSON', topLevel ? '请求体必须是 JSON 对象' : '请求体不是合法的 JSON', {
    type: TYPE_BASE + 'malformed-json',
    detail: message,
    errors: [where],
  });
}

/**
 * The safety net for input the validation layer let through: PostgreSQL's "data exception"
 * class (22xxx: a number out of range, a date it cannot hold, text it cannot store) is about
 * the value sent, never the server, so it is a 400. The statement failed, so nothing was stored.
 */
function databaseProblem(error: unknown): Problem | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  const message = (error as Error).message;
  if (code.startsWith('22')) {
    return new Problem(400, 'A value in the request cannot be stored', '请求中的某个值超出可保存的范围或格式', { type: TYPE_BASE + 'value-out-of-range', detail: message });
  }
  if (code === '23505') {
    return new Problem(409, 'The request conflicts with an existing record', '请求与已有记录冲突', { type: TYPE_BASE + 'conflict' });
  }
  if (code === '40001' || code === '40P01') {
    return new Problem(409, 'The request collided with concurrent changes; try again', '与其他同时进行的修改冲突，请重试', { type: TYPE_BASE + 'concurrent-modification' });
  }
  if (code === '54000') {
    // program_limit_exceeded: a value too large for an index entry (an id of thousands of characters).
    return new Problem(400, 'A value in the request is too large to store', '请求中的某个值过长，无法保存', { type: TYPE_BASE + 'value-too-large' });
  }
  if (code === '54001') {
    return new Problem(400, 'The request is too deeply nested or too complex', '请求的数据嵌套过深或过于复杂', { type: TYPE_BASE + 'nested-too-deep' });
  }
  return undefined;
}

export function problemBody(problem: Problem, instance?: string): Record<string, unknown> {
  return {
    type: problem.extras.type ?? TYPE_BASE + problem.status,
    title: problem.title,
    titleZh: problem.titleZh,
    status: problem.status,
    ...(problem.extras.detail ? { detail: problem.extras.detail } : {}),
    ...(problem.extras.detailZh ? { detailZh: problem.extras.detailZh } : {}),
    ...(instance ? { instance } : {}),
    ...(problem.extras.errors ? { errors: problem.extras.errors } : {}),
  };
}

export function problemHandler(log: { error(object: unknown, message?: string): void }): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem = toProblem(error);
    if (problem.status >= 500) log.error({ err: error, path: req.path }, 'request failed');
    if (problem.extras.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(problem.extras.retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problemBody(problem, req.originalUrl)));
  };
}
