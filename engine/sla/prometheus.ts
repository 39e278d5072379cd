import type { Db } from '../db/index.js';
import { openClockCounts } from '../store/sla/clock-views.js';
import type { MetricsReport, MetricsRow } from './sla-metrics.js';

/** Escapes a label value for the Prometheus text exposition format. */
function label(value: string | null): string {
  return (value ?? '').replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

interface Metric {
  name: string;
  help: string;
  value: (row: MetricsRow) => number | null;
  quantiles?: (row: MetricsRow) => Array<[string, number | null]>;
}

const METRICS: Metric[] = [
  { name: 'matterflow_sla_cases', help: 'Cases with an SLA clock (by department), from the history.', value: (row) => row.cases },
  { name: 'matterflow_sla_cases_completed', help: 'Cases completed.', value: (row) => row.completed },
  { name: 'matterflow_sla_cases_completed_on_time', help: 'Cases completed within their principal limit (按时办结).', value: (row) => row.completedOnTime },
  { name: 'matterflow_sla_on_time_ratio', help: 'On-time completion rate (按时办结率), 0..1.', value: (row) => row.onTimeRate },
  { name: 'matterflow_sla_cases_overdue', help: 'Cases completed late or open past their deadline (超期).', value: (row) => row.overdue },
  { name: 'matterflow_sla_cases_open', help: 'Cases not finished.', value: (row) => row.open },
  {
    name: 'matterflow_sla_handling_working_days',
    help: 'Handling time of completed cases in working days (paused time excluded).',
    value: (row) => row.handlingWorkingDays.avg,
    quantiles: (row) => [
      ['0.5', row.handlingWorkingDays.p50],
      ['0.9', row.handlingWorkingDays.p90],
    ],
  },
  {
    name: 'matterflow_sla_first_response_hours',
    help: 'Hours to the first response (首次响应): the response clock from 派单 to 签收, or, without one, from the start of a case to its first completed task.',
    value: (row) => row.firstResponseHours.avg,
    quantiles: (row) => [
      ['0.5', row.firstResponseHours.p50],
      ['0.9', row.firstResponseHours.p90],
    ],
  },
  { name: 'matterflow_sla_satisfaction_ratio', help: 'Share of evaluations that are 非常满意, 满意 or 基本满意, 0..1.', value: (row) => row.satisfactionRate },
  { name: 'matterflow_sla_reopen_ratio', help: 'Share of completed cases reopened after 不满意 or 非常不满意 (重办率), 0..1.', value: (row) => row.reopenRate },
  { name: 'matterflow_sla_instant_cases', help: 'Completed cases a DMN decision approved with no person (秒批).', value: (row) => row.instant },
];

/**
 * The SLA figures in the Prometheus text format (0.0.4), one series per department. Every value is a gauge:
 * they are recomputed from the history on each scrape, not counted in memory.
 */
export async function prometheusText(report: MetricsReport, db: Db): Promise<string> {
  const lines: string[] = [];
  for (const metric of METRICS) {
    lines.push(`# HELP ${metric.name} ${metric.help}`, `# TYPE ${metric.name} gauge`);
    for (const row of report.groups) {
      const department = `department="${label(row.key)}"`;
      const value = metric.value(row);
      if (value !== null) lines.push(`${metric.name}{${department}} ${value}`);
      for (const [quantile, quantileValue] of metric.quantiles?.(row) ?? []) {
        if (quantileValue !== null) lines.push(`${metric.name}{${department},quantile="${quantile}"} ${quantileValue}`);
      }
    }
  }
  const open = await openClockCounts(db);
  lines.push('# HELP matterflow_sla_open_clocks Open clocks by level right now (normal, 临期 warning, 超期 overdue).', '# TYPE matterflow_sla_open_clocks gauge');
  for (const row of open) lines.push(`matterflow_sla_open_clocks{department="${label(row.department)}",subject="${row.subject}",level="${row.level}"} ${Number(row.count)}`);
  return lines.join('\n') + '\n';
}
