/** SLA on cases and tasks (issue 5): deadlines, clock control, warnings, supervision, evaluations, metrics. */
export { Sla, slaOf, startSlaMonitor, withSla, type SlaOptions } from './sla.js';
export { SlaExtension, CLOCK_VARIABLES } from './sla-extension.js';
export { SlaMonitor, type MonitorRound, type MonitorOptions } from './sla-monitor.js';
export { SlaViews, type CaseSlaView, type ClockView } from './sla-views.js';
export { SlaMetrics, METRIC_GROUPS, distribution, type MetricsQuery, type MetricsReport, type MetricsRow, type MetricGroup } from './sla-metrics.js';
export { prometheusText } from './prometheus.js';
export { Evaluations, EVALUATION_CHANNELS, EVALUATION_REMEDIES, EVALUATION_RESULTS, UNSATISFIED_RESULTS, type EvaluationChannel, type EvaluationInput, type EvaluationRemedy, type EvaluationResult, type EvaluationRow } from './evaluations.js';
export { Rectifications, type RectificationRow } from './rectifications.js';
export { Webhooks, backoffMs, DEFAULT_DELIVERY, type WebhookRow, type DeliveryOptions } from './webhooks.js';
export { SupervisionStarter, SUPERVISION_PROCESS_ID } from './supervision.js';
export { slaProfiles, type SlaProfile } from './sla-profiles.js';
export { planCaseSla, planResponseSla, planTaskSla, DEFAULT_SLA, type SlaDefaults } from './sla-rules.js';
export { PAUSE_KINDS, type PauseKind, type SlaClockRow } from './clock-row.js';
export type { PauseRequest, ResumeRequest, ExtensionRequest } from './clock-control.js';
export { assertSlaModel, slaModelProblems, type SlaModelProblem } from './sla-model-problems.js';
export { readNotificationFeed, readNotificationPage, type FeedItem, type FeedQuery } from './notification-feed.js';
export { publishNotifications } from '../store/sla/notification-feed.js';
