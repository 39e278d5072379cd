import type { ApiRouter } from './http/api-router.js';
import { componentName, Problem } from './schemas.js';

/** The OpenAPI 3.1 document, assembled from the same route specs the server validates with. */
export function openApiDocument(routers: readonly ApiRouter[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas = new Components();
  schemas.lift(Problem);
  for (const router of routers) {
    for (const [path, operations] of Object.entries(router.paths)) Object.assign((paths[path] ??= {}), schemas.lift(operations));
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Matterflow API',
      version: '1',
      license: { name: 'MIT', identifier: 'MIT' },
      description: 'BPMN workflow engine for government matter handling (政务服务事项办理). Errors are application/problem+json (RFC 9457) with Chinese titles.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A Matterflow API token (mf_…)' } },
      schemas: schemas.byName(),
      responses: {
        BadRequest: problemResponse('Bad request: what is wrong and where (errors[].pointer, line, row). 请求不合法'),
        Unauthorized: problemResponse('No bearer token, or an unknown or revoked one. 未认证'),
        Forbidden: problemResponse('Your roles or department do not allow it. 无权操作'),
        NotFound: problemResponse('Nothing with that id that you may read. 不存在或无权查看'),
      },
    },
    paths,
  };
}

function problemResponse(description: string): Record<string, unknown> {
  return { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
}

/**
 * components.schemas from the schemas given a name (api/schemas.ts named()): each is listed once and
 * referred to by $ref wherever it appears; the route specs themselves are left untouched (ajv uses them).
 */
class Components {
  private readonly schemas = new Map<string, { source: object; lifted: unknown }>();

  /** A copy of `value` with every named schema in it replaced by its $ref. */
  lift(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((entry) => this.lift(entry));
    if (value === null || typeof value !== 'object') return value;
    const name = componentName(value);
    if (name) {
      const known = this.schemas.get(name);
      if (known && known.source !== value) throw new Error(`Two different schemas are named ${name}`);
      if (!known) {
        const entry = { source: value, lifted: undefined as unknown };
        this.schemas.set(name, entry);
        entry.lifted = this.liftMembers(value);
      }
      return { $ref: `#/components/schemas/${name}` };
    }
    return this.liftMembers(value);
  }

  byName(): Record<string, unknown> {
    return Object.fromEntries([...this.schemas.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, entry]) => [name, entry.lifted]));
  }

  private liftMembers(value: object): Record<string, unknown> {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, this.lift(member)]));
  }
}
