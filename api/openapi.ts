import type { ApiRouter } from './http/api-router.js';
import { Problem } from './schemas.js';

/** The OpenAPI 3.1 document, assembled from the same route specs the server validates with. */
export function openApiDocument(routers: readonly ApiRouter[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const router of routers) {
    for (const [path, operations] of Object.entries(router.paths)) Object.assign((paths[path] ??= {}), operations);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Matterflow API',
      version: '1',
      description: 'BPMN workflow engine for government matter handling (政务服务事项办理). Errors are application/problem+json (RFC 9457) with Chinese titles.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A Matterflow API token (mf_…)' } },
      schemas: { Problem },
    },
    paths,
  };
}
