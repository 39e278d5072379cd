import { api, query } from '../../api/client.js';
import type { ListOf, ProcessInstance, UserTask } from '../../api/types.js';
import { h } from '../../app/dom.js';
import { currentUser } from '../../auth/session.js';
import { t } from '../../i18n/index.js';
import { deadlineStatus, type DeadlineState } from '../../sla/deadline.js';

/** One row of GET /metrics/sla: a department, matter, town or month (or the total). */
interface MetricRow {
  key: string | null;
  cases?: number;
  completed?: number;
  completedOnTime?: number;
  onTimeRate?: number | null;
  overdue?: number;
  open?: number;
  openOverdue?: number;
  satisfactionRate?: number | null;
}
interface MetricsReport {
  total: MetricRow;
  groups: MetricRow[];
}
type MetricGroup = 'department' | 'matter' | 'region';

function metrics(groupBy: MetricGroup): Promise<MetricsReport | null> {
  return api<MetricsReport | null>(`/metrics/sla${query({ groupBy })}`, { allowNotFound: true }).catch(() => null);
}

/** 数据看板: on-time rate, overdue and satisfaction, plus live counts from cases and tasks. */
export async function renderPage(root: HTMLElement): Promise<() => void> {
  const { drawChart } = await import('./charts.js');
  const disposers: (() => void)[] = [];
  const me = currentUser()!;
  const [byDepartment, byMatter, byRegion, instances, tasks] = await Promise.all([
    metrics('department'),
    metrics('matter'),
    metrics('region'),
    api<ListOf<ProcessInstance>>(`/process-instances${query({ limit: 500 })}`).then((list) => list.items).catch(() => [] as ProcessInstance[]),
    api<ListOf<UserTask>>(`/user-tasks${query({ state: 'created', department: me.roles.includes('supervisor') || me.roles.includes('admin') ? undefined : me.department })}`).then((list) => list.items).catch(() => [] as UserTask[]),
  ]);

  const deadlineOf = (task: UserTask): DeadlineState | 'none' => deadlineStatus(task.dueDate)?.state ?? 'none';
  const overdueTasks = tasks.filter((task) => deadlineOf(task) === 'overdue').length;
  const total = byDepartment?.total;
  const percent = (value: number | null | undefined) => (value === undefined || value === null ? '—' : `${(value <= 1 ? value * 100 : value).toFixed(1)}%`);
  const rate = (value: number | null | undefined) => (value === undefined || value === null ? null : value <= 1 ? Math.round(value * 1000) / 10 : value);
  const kpi = (label: string, value: string | number, id: string) => h('div', { class: 'kpi', id }, h('div', { class: 'value' }, String(value)), h('div', { class: 'label' }, label));
  root.append(
    h('div', { class: 'kpis' },
      kpi(t('Active cases'), instances.filter((item) => item.status === 'active').length, 'kpi-active'),
      kpi(t('Completed cases'), instances.filter((item) => item.status === 'completed').length, 'kpi-completed'),
      kpi(t('Open tasks'), tasks.length, 'kpi-open-tasks'),
      kpi(t('Overdue tasks'), overdueTasks, 'kpi-overdue'),
      kpi(t('On-time rate'), percent(total?.onTimeRate), 'kpi-on-time'),
      kpi(t('Overdue cases'), total?.overdue ?? '—', 'kpi-overdue-cases'),
      kpi(t('Satisfaction'), percent(total?.satisfactionRate), 'kpi-satisfaction'),
    ),
  );
  const charts = h('div', { class: 'charts' });
  root.append(charts);
  const chartCard = (title: string, id: string) => {
    const element = h('div', { class: 'chart', id });
    charts.append(h('div', { class: 'card' }, h('h3', {}, title), element));
    return element;
  };

  const byStatus = new Map<string, number>();
  for (const instance of instances) byStatus.set(instance.status, (byStatus.get(instance.status) ?? 0) + 1);
  disposers.push(drawChart(chartCard(t('Cases by status'), 'chart-status'), {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['40%', '70%'], data: [...byStatus].map(([status, count]) => ({ name: t(`status.${status}`), value: count })) }],
  }));

  const departments = [...new Set(tasks.map((task) => task.department ?? '—'))].sort();
  const states: { state: DeadlineState | 'none'; label: string; color: string }[] = [
    { state: 'normal', label: t('On track'), color: '#2e8b3d' },
    { state: 'warning', label: t('Due soon'), color: '#e6a700' },
    { state: 'overdue', label: t('Overdue'), color: '#c8281e' },
    { state: 'none', label: t('No deadline'), color: '#9aa4b2' },
  ];
  disposers.push(drawChart(chartCard(t('Open tasks by department and deadline'), 'chart-tasks'), {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'category', data: departments },
    yAxis: { type: 'value', minInterval: 1 },
    series: states.map((entry) => ({
      name: entry.label,
      type: 'bar',
      stack: 'tasks',
      itemStyle: { color: entry.color },
      data: departments.map((department) => tasks.filter((task) => (task.department ?? '—') === department && deadlineOf(task) === entry.state).length),
    })),
  }));

  const breakdowns: [string, MetricsReport | null, string][] = [
    [t('On-time rate and overdue by department'), byDepartment, 'chart-department'],
    [t('On-time rate and overdue by matter'), byMatter, 'chart-matter'],
    [t('On-time rate and overdue by town'), byRegion, 'chart-town'],
  ];
  for (const [title, report, id] of breakdowns) {
    const rows = (report?.groups ?? []).slice(0, 30);
    if (!rows.length) continue;
    const names = rows.map((row) => row.key ?? '—');
    disposers.push(drawChart(chartCard(title, id), {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 50, right: 50, top: 30, bottom: 90 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 30 } },
      yAxis: [{ type: 'value', name: t('Cases'), minInterval: 1 }, { type: 'value', name: '%', max: 100 }],
      series: [
        { name: t('Overdue'), type: 'bar', itemStyle: { color: '#c8281e' }, data: rows.map((row) => row.overdue ?? 0) },
        { name: t('Completed cases'), type: 'bar', itemStyle: { color: '#9aa4b2' }, data: rows.map((row) => row.completed ?? 0) },
        { name: t('Active cases'), type: 'bar', itemStyle: { color: '#7aa7e8' }, data: rows.map((row) => row.open ?? 0) },
        { name: t('On-time rate'), type: 'line', yAxisIndex: 1, itemStyle: { color: '#1f5fbf' }, data: rows.map((row) => rate(row.onTimeRate)) },
        { name: t('Satisfaction'), type: 'line', yAxisIndex: 1, itemStyle: { color: '#2e8b3d' }, data: rows.map((row) => rate(row.satisfactionRate)) },
      ],
    }));
  }
  if (!byDepartment) root.append(h('p', { class: 'muted', id: 'metrics-missing' }, t('On-time and satisfaction figures appear here once the metrics service is available.')));
  return () => disposers.forEach((dispose) => dispose());
}
