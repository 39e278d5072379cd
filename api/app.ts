import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { fromProjectRoot } from '../engine/index.js';
import type { AppContext } from './context.js';
import { ApiRouter } from './http/api-router.js';
import { authenticate } from './http/auth.js';
import { compressWhenAccepted } from './http/compress-when-accepted.js';
import { authFailureLimit, authFailureLimitFromEnv, type AuthFailureLimitOptions } from './http/auth-failure-limit.js';
import { earlyBodyLimit, JSON_LIMIT_BYTES, XML_LIMIT_BYTES } from './http/body-limits.js';
import { Problem, problemHandler } from './http/problem.js';
import { securityHeaders } from './http/security-headers.js';
import { openApiDocument } from './openapi.js';
import { adminRoutes } from './routes/admin.js';
import { calendarRoutes } from './routes/calendar.js';
import { CATALOG_ROUTES } from './routes/catalog-all.js';
import { decisionRoutes } from './routes/decisions.js';
import { definitionRoutes } from './routes/definitions.js';
import { formRoutes } from './routes/forms.js';
import { prometheusEndpoint } from './routes/metrics.js';
import { SLA_ROUTES } from './routes/sla-all.js';
import { instanceRoutes } from './routes/instances.js';
import { incidentRoutes } from './routes/incidents.js';
import { instanceOperationRoutes } from './routes/instance-operations.js';
import { jobRoutes } from './routes/jobs.js';
import { messageRoutes } from './routes/messages.js';
import { signalRoutes } from './routes/signals.js';
import { staffRoutes } from './routes/staff.js';
import { systemRoutes } from './routes/system.js';
import { taskRoutes } from './routes/tasks.js';
import { taskOperationRoutes } from './routes/task-operations.js';
import { caseOperationRoutes } from './routes/case-operations.js';
import { personalDataRoutes } from './routes/personal-data.js';
import { attachmentLimitBytes } from '../engine/operations/attachments.js';

/** Every resource's routes; each registers its handlers, validation and OpenAPI at once. */
const ROUTES: Array<(api: ApiRouter, context: AppContext) => void> = [
  systemRoutes,
  adminRoutes,
  staffRoutes,
  definitionRoutes,
  decisionRoutes,
  formRoutes,
  instanceRoutes,
  taskRoutes,
  taskOperationRoutes,
  caseOperationRoutes,
  jobRoutes,
  instanceOperationRoutes,
  incidentRoutes,
  messageRoutes,
  signalRoutes,
  calendarRoutes,
  ...CATALOG_ROUTES,
  ...SLA_ROUTES,
  personalDataRoutes,
];

export interface AppOptions {
  authFailureLimit?: AuthFailureLimitOptions;
}

export function createApp(context: AppContext, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders());
  app.use(compressWhenAccepted());

  const api = new ApiRouter();
  for (const register of ROUTES) register(api, context);
  const document = openApiDocument([api]);

  const limitFailedAuthentication = authFailureLimit(options.authFailureLimit ?? authFailureLimitFromEnv());
  const v1 = express.Router();
  v1.use(earlyBodyLimit());
  v1.use(express.json({ limit: JSON_LIMIT_BYTES, type: ['application/json', 'application/*+json'] }));
  // XML stays bytes: a BPMN file declares its own encoding (GBK, GB18030, …), the engine decodes it.
  v1.use(express.raw({ limit: XML_LIMIT_BYTES, type: ['application/xml', 'text/xml', 'application/bpmn+xml'] }));
  // 附件: the file's bytes as the body, whatever type the client says (the engine sniffs the content).
  v1.use(/^\/process-instances\/[^/]+\/attachments$/, express.raw({ limit: attachmentLimitBytes(), type: (req) => req.method === 'POST' && !String(req.headers['content-type'] ?? '').startsWith('application/json') }));
  v1.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  v1.use(limitFailedAuthentication);
  v1.use(authenticate(context.tokens));
  v1.use(api.router);
  v1.use((req, _res, next) => next(new Problem(404, `No API endpoint ${req.method} ${req.path}`, `接口不存在：${req.method} ${req.path}`)));
  app.use('/api/v1', v1);

  app.use('/metrics', limitFailedAuthentication);
  app.get('/metrics', prometheusEndpoint(context));
  serveDesigner(app);
  app.use((req, _res, next) => next(new Problem(404, `Nothing at ${req.method} ${req.path}`, `不存在：${req.method} ${req.path}`)));
  app.use(problemHandler(context.log));
  return app;
}

/** The designer's built files at `/`, with the SPA's index.html for any other page. */
function serveDesigner(app: Express): void {
  const dist = fromProjectRoot('designer', 'dist');
  const index = path.join(dist, 'index.html');
  app.use(
    express.static(dist, {
      index: 'index.html',
      // Vite names assets by content hash: they never change; index.html must always be fresh.
      setHeaders: (res, file) => res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  app.get(/^\/(?!api\/).*/, (_req, res) => {
    if (fs.existsSync(index)) return res.sendFile(index);
    res.status(503).type('text/plain; charset=utf-8').send('The designer is not built yet: run `npm run build`. 设计器尚未构建：请运行 npm run build。');
  });
}
