import type { ApiRouter } from '../http/api-router.js';
import type { AppContext } from '../context.js';
import { catalogBatchRoutes } from './catalog-batches.js';
import { catalogBundleRoutes } from './catalog-bundles.js';
import { catalogCaseRoutes } from './catalog-cases.js';
import { catalogIoRoutes } from './catalog-io.js';
import { catalogRoutes } from './catalog.js';
import { hotlineDispatchRoutes } from './hotline-dispatch.js';
import { hotlineIntakeRoutes } from './hotline-intake.js';
import { hotlineRulingRoutes } from './hotline-ruling.js';
import { hotlineDashboardRoutes } from './hotline-dashboard.js';

/** Every catalog router, mounted together from api/app.ts ROUTES. */
export const CATALOG_ROUTES: Array<(api: ApiRouter, context: AppContext) => void> = [catalogRoutes, catalogBatchRoutes, catalogCaseRoutes, catalogBundleRoutes, catalogIoRoutes, hotlineDispatchRoutes, hotlineIntakeRoutes, hotlineRulingRoutes, hotlineDashboardRoutes];
