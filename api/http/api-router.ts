import express, { type Request, type Response } from 'express';
import { requireRoles, type Role } from './auth.js';
import { checkJsonInput, checkTextInput } from './input-guard.js';
import { Problem } from './problem.js';
import { Problem as ProblemSchema } from '../schemas.js';
import { boundIntegers, validateOrThrow, type JsonSchema } from './validate.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec {
  method: Method;
  /** Express-style path relative to /api/v1, e.g. `/user-tasks/:id/complete`. */
  path: string;
  /** The operation's stable name in the OpenAPI document and generated clients: camelCase, unique. */
  operationId: string;
  summary: string;
  summaryZh?: string;
  tag: string;
  /** Roles of which the caller needs one; 'public' needs no token at all. */
  roles: readonly Role[] | 'public';
  params?: JsonSchema;
  query?: JsonSchema;
  body?: JsonSchema;
  /** Extra request media types besides JSON (e.g. raw BPMN XML). */
  bodyMediaTypes?: Record<string, JsonSchema>;
  response?: JsonSchema;
  /** A success answer that is not JSON (a file, XML, CSV): its media types and their schemas, instead of `response`. */
  responseMediaTypes?: Record<string, JsonSchema>;
  status?: number;
  /** Further documented answers besides `status` (e.g. 200 for an idempotent replay, 409), by status code. */
  otherResponses?: Record<string, { description: string; headers?: Record<string, unknown>; sameBody?: boolean }>;
}

type Handler = (req: Request, res: Response) => unknown;

/**
 * Registers a route, its validation and its OpenAPI operation from one spec, so the
 * document can never drift from what the server enforces (D7).
 */
export class ApiRouter {
  readonly router = express.Router();
  readonly paths: Record<string, Record<string, unknown>> = {};
  private readonly operationIds = new Map<string, string>();

  add(spec: RouteSpec, handler: Handler): this {
    this.checkOperationId(spec);
    const guards = spec.roles === 'public' ? [] : [requireRoles(spec.roles)];
    for (const schema of [spec.params, spec.query, spec.body]) if (schema) boundIntegers(schema);
    const mediaTypes = [...(spec.body ? ['application/json', 'application/*+json'] : []), ...Object.keys(spec.bodyMediaTypes ?? {})];
    this.router[spec.method](spec.path, ...guards, async (req: Request, res: Response) => {
      checkJsonInput(req.params, '/params');
      if (spec.params) validateOrThrow(spec.params, req.params, 'params');
      checkJsonInput(req.query, '/query');
      // A route that declares no query takes none: a parameter it would ignore is refused, naming it.
      if (!spec.query && Object.keys(req.query).length > 0) validateOrThrow(NO_QUERY, req.query, 'query');
      if (spec.query) {
        const query = { ...req.query };
        validateOrThrow(spec.query, query, 'query');
        Object.defineProperty(req, 'query', { value: query, writable: true });
      }
      if (mediaTypes.length > 0) {
        // A body without a Content-Type is bytes (RFC 9110 §8.3): taken where the route takes octet-streams.
        const untyped = req.get('content-type') === undefined && mediaTypes.includes('application/octet-stream');
        const type = req.get('content-length') === '0' ? null : untyped ? 'application/octet-stream' : req.is(mediaTypes);
        // No body at all reads as {}: the schema then says what is missing.
        if (type === null && spec.body) req.body = {};
        else if (type === false) throw unsupportedMediaType(req, mediaTypes);
      }
      // Whatever the parsers read (JSON, XML text), on every route: files are read by their routes.
      if (typeof req.body === 'string') checkTextInput(req.body);
      else if (req.body !== undefined && !Buffer.isBuffer(req.body)) checkJsonInput(req.body, '/body');
      // Every JSON media type the parser reads (application/json and any +json) is checked against the schema.
      if (spec.body && req.is(['application/json', 'application/*+json']) !== false) validateOrThrow(spec.body, req.body ?? {}, 'body');
      await handler(req, res);
    });
    const openApiPath = spec.path.replace(/:(\w+)/g, '{$1}');
    (this.paths[openApiPath] ??= {})[spec.method] = operation(spec);
    return this;
  }

  /** Generated clients name their methods by operationId: a missing, odd or repeated one stops the start-up. */
  private checkOperationId(spec: RouteSpec): void {
    const route = `${spec.method.toUpperCase()} ${spec.path}`;
    if (typeof spec.operationId !== 'string' || !OPERATION_ID.test(spec.operationId)) {
      throw new Error(`Route ${route} needs an operationId in camelCase (got ${JSON.stringify(spec.operationId)})`);
    }
    const other = this.operationIds.get(spec.operationId);
    if (other) throw new Error(`operationId ${spec.operationId} of ${route} is already used by ${other}`);
    this.operationIds.set(spec.operationId, route);
  }
}

const OPERATION_ID = /^[a-z][a-zA-Z0-9]*$/;
const NO_QUERY = { type: 'object', properties: {}, additionalProperties: false };

function unsupportedMediaType(req: Request, accepted: readonly string[]): Problem {
  const sent = req.get('content-type');
  const what = sent ? `Content-Type ${sent}` : 'a body without a Content-Type';
  return new Problem(415, `This endpoint takes ${accepted.join(' or ')}, not ${what}`, `此接口只接受 ${accepted.join(' 或 ')} 格式的请求体（收到：${sent ?? '未声明 Content-Type'}）`, {
    type: 'https://matterflow.dev/problems/unsupported-media-type',
  });
}

/**
 * The refusals every route can give, as shared components (api/openapi.ts): malformed input (the
 * input guard reads every request), no or a bad token, a role missing, and an unknown id in the path.
 */
function commonProblems(spec: RouteSpec): Record<string, unknown> {
  const problem = (name: string) => ({ $ref: `#/components/responses/${name}` });
  return {
    '400': problem('BadRequest'),
    ...(spec.roles === 'public' ? {} : { '401': problem('Unauthorized'), '403': problem('Forbidden') }),
    ...(spec.params ? { '404': problem('NotFound') } : {}),
  };
}

/** The documented success: JSON, other media types, or (204) nothing at all. */
function success(spec: RouteSpec): Record<string, unknown> {
  if (spec.response) return { description: 'OK', content: { 'application/json': { schema: spec.response } } };
  if (spec.responseMediaTypes) return { description: 'OK', content: Object.fromEntries(Object.entries(spec.responseMediaTypes).map(([type, schema]) => [type, { schema }])) };
  if (spec.status === 204) return { description: 'No Content' };
  throw new Error(`Route ${spec.method.toUpperCase()} ${spec.path} answers ${spec.status ?? 200} without a documented body: give response or responseMediaTypes`);
}

function operation(spec: RouteSpec): Record<string, unknown> {
  const parameters = [
    ...Object.entries((spec.params?.properties as Record<string, JsonSchema> | undefined) ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
    ...Object.entries((spec.query?.properties as Record<string, JsonSchema> | undefined) ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: ((spec.query?.required as string[] | undefined) ?? []).includes(name),
      schema,
    })),
  ];
  const content: Record<string, unknown> = {};
  if (spec.body) content['application/json'] = { schema: spec.body };
  for (const [type, schema] of Object.entries(spec.bodyMediaTypes ?? {})) content[type] = { schema };
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.summaryZh ? { description: spec.summaryZh } : {}),
    tags: [spec.tag],
    ...(spec.roles === 'public' ? { security: [] } : { 'x-roles': spec.roles }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(Object.keys(content).length > 0 ? { requestBody: { required: true, content } } : {}),
    responses: {
      [String(spec.status ?? 200)]: success(spec),
      ...commonProblems(spec),
      ...Object.fromEntries(
        Object.entries(spec.otherResponses ?? {}).map(([status, other]) => [
          status,
          {
            description: other.description,
            ...(other.headers ? { headers: other.headers } : {}),
            content: other.sameBody && spec.response ? { 'application/json': { schema: spec.response } } : { 'application/problem+json': { schema: ProblemSchema } },
          },
        ]),
      ),
      default: { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: ProblemSchema } } },
    },
  };
}
