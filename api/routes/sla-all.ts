import type { ApiRouter } from '../http/api-router.js';
import type { AppContext } from '../context.js';
import { clockRoutes } from './clock.js';
import { evaluationRoutes } from './evaluations.js';
import { metricsRoutes } from './metrics.js';
import { notificationRoutes } from './notifications.js';
import { slaRoutes } from './sla.js';
import { supervisionRoutes } from './supervision.js';

/** Every SLA router (issue 5): deadlines, clock control, evaluations, notifications and webhooks, metrics. */
export const SLA_ROUTES: Array<(api: ApiRouter, context: AppContext) => void> = [slaRoutes, supervisionRoutes, clockRoutes, evaluationRoutes, notificationRoutes, metricsRoutes];
