import { api, query } from '../../api/client.js';
import type { ListOf, ProcessInstance, UserTask } from '../../api/types.js';
import { h } from '../../app/dom.js';
import { fetchAll } from '../../app/paged-list.js';
import { departments } from '../../staff/staff-directory.js';
import { currentUser } from '../../auth/session.js';
import { t } from '../../i18n/index.js';
import { deadlineStatus, type DeadlineState } from '../../sla/deadline.js';
import type { ChartOption } from './charts.js';

/** One row of GET /metrics/sla: a department, matter, town or month (or the total). */
interface MetricRow {
  key: string | null;
  /** The department, matter or town name the server resolved (codes are not for people). */
  name?: string | null;
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

/** On an axis every department is the city's: 东莞市市场监督管理局 reads 市场监督管理局 (the tooltip keeps the full name). */
const withoutCity = (name: string) => name.replace(/^[^市]{2,4}市(?=.{2})/, '');

/** Case statuses the pie counts; each count is the list's total, so no page limit cuts it short. */
const STATUSES = ['active', 'completed', 'suspended', 'terminated', 'canceled'] as const;

/** 数据看板: on-time rate, overdue and satisfaction, plus live counts from cases and tasks. */
export async function renderPage(root: HTMLElement): Promise<() => void> {
  const { drawChart } = await import('./charts.js');
  const disposers: (() => void)[] = [];
  const me = currentUser()!;
  const countOf = (status: string) => api<ListOf<ProcessInstance>>(`/process-instances${query({ status, limit: 1 })}`).then((list) => list.total ?? list.items.length).catch(() => 0);
  const [byDepartment, byMatter, byRegion, statusCounts, tasks, departmentList] = await Promise.all([
    metrics('department'),
    metrics('matter'),
    metrics('region'),
    Promise.all(STATUSES.map(async (status) => [status, await countOf(status)] as const)),
    fetchAll<UserTask>(`/user-tasks${query({ state: 'created', department: me.roles.includes('supervisor') || me.roles.includes('admin') ? undefined : me.department, limit: 500 })}`, 5000).catch(() => [] as UserTask[]),
    departments().catch(() => []),
  ]);
  const departmentName = (code: string | undefined) => (code ? departmentList.find((entry) => entry.code === code)?.name ?? code : t('No department'));

  const deadlineOf = (task: UserTask): DeadlineState | 'none' => deadlineStatus(task.dueDate)?.state ?? 'none';
  const overdueTasks = tasks.filter((task) => deadlineOf(task) === 'overdue').length;
  const total = byDepartment?.total;
  const counted = new Map(statusCounts);
  const percent = (value: number | null | undefined) => (value === undefined || value === null ? '—' : `${(value <= 1 ? value * 100 : value).toFixed(1)}%`);
  const rate = (value: number | null | undefined) => (value === undefined || value === null ? null : value <= 1 ? Math.round(value * 1000) / 10 : value);
  const kpi = (label: string, value: string | number, id: string) => h('div', { class: 'kpi', id }, h('div', { class: 'value' }, String(value)), h('div', { class: 'label' }, label));
  root.append(
    h('div', { class: 'kpis' },
      kpi(t('Active cases'), counted.get('active') ?? 0, 'kpi-active'),
      kpi(t('Completed cases'), counted.get('completed') ?? 0, 'kpi-completed'),
      kpi(t('Open tasks'), tasks.length, 'kpi-open-tasks'),
      kpi(t('Overdue tasks'), overdueTasks, 'kpi-overdue'),
      kpi(t('On-time rate'), percent(total?.onTimeRate), 'kpi-on-time'),
      kpi(t('Overdue cases'), total?.overdue ?? '—', 'kpi-overdue-cases'),
      kpi(t('Satisfaction'), percent(total?.satisfactionRate), 'kpi-satisfaction'),
    ),
  );
  const charts = h('div', { class: 'charts' });
  root.append(charts);
  /** A chart card; with nothing to draw it says so, and what would fill it, instead of empty axes. */
  const chartCard = (title: string, id: string, empty: { title: string; hint: string } | null, option: () => ChartOption) => {
    const element = h('div', { class: 'chart', id });
    charts.append(h('div', { class: 'card' }, h('h3', {}, title), element));
    if (empty) element.append(h('div', { class: 'chart-empty' }, h('strong', {}, empty.title), h('span', {}, empty.hint)));
    else disposers.push(drawChart(element, option()));
  };
  const CASES = t('Cases (件)');
  const RATE = t('Rate (%)');

  const statuses = statusCounts.filter(([, count]) => count > 0);
  chartCard(t('Cases by status'), 'chart-status', statuses.length ? null : { title: t('No cases yet'), hint: t('Cases appear here once the first application is accepted.') }, () => ({
    tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
    legend: { bottom: 0 },
    series: [{ name: t('Cases by status'), type: 'pie', radius: ['40%', '70%'], data: statuses.map(([status, count]) => ({ name: t(`status.${status}`), value: count })) }],
  }));

  const departmentCodes = [...new Set(tasks.map((task) => task.department ?? ''))].sort();
  const states: { state: DeadlineState | 'none'; label: string; color: string }[] = [
    { state: 'normal', label: t('On track'), color: '#2e8b3d' },
    { state: 'warning', label: t('Due soon'), color: '#e6a700' },
    { state: 'overdue', label: t('Overdue'), color: '#c8281e' },
    { state: 'none', label: t('No deadline'), color: '#9aa4b2' },
  ];
  chartCard(t('Open tasks by department and deadline'), 'chart-tasks', tasks.length ? null : { title: t('No open tasks'), hint: t('Every task is done; new ones appear here with their deadline state.') }, () => ({
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 60, right: 30, top: 40, bottom: 80, containLabel: true },
    xAxis: { type: 'category', name: t('Department'), nameLocation: 'middle', nameGap: 30, data: departmentCodes.map((code) => departmentName(code || undefined)), axisLabel: { interval: 0, overflow: 'truncate', width: 120, formatter: withoutCity } },
    yAxis: { type: 'value', name: t('Tasks (件)'), minInterval: 1 },
    series: states.map((entry) => ({
      name: entry.label,
      type: 'bar',
      stack: 'tasks',
      itemStyle: { color: entry.color },
      data: departmentCodes.map((code) => tasks.filter((task) => (task.department ?? '') === code && deadlineOf(task) === entry.state).length),
    })),
  }));

  const breakdowns: [string, MetricsReport | null, string, string, string][] = [
    [t('On-time rate and overdue by department'), byDepartment, 'chart-department', t('Department'), t('No department')],
    [t('On-time rate and overdue by matter'), byMatter, 'chart-matter', t('Matter'), t('Not a catalog matter')],
    [t('On-time rate and overdue by town'), byRegion, 'chart-town', t('Town'), t('No town')],
  ];
  for (const [title, report, id, axis, unnamed] of breakdowns) {
    const rows = (report?.groups ?? []).slice(0, 30);
    const names = rows.map((row) => row.name ?? (row.key === null ? unnamed : row.key));
    const empty = !report
      ? { title: t('Figures not available'), hint: t('On-time and satisfaction figures appear here once the metrics service is available.') }
      : rows.length ? null : { title: t('No figures yet'), hint: t('On-time rates are counted from cases with a statutory or promised limit; they appear once such cases are accepted.') };
    chartCard(title, id, empty, () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 60, right: 60, top: 40, bottom: 100, containLabel: true },
      xAxis: { type: 'category', name: axis, nameLocation: 'middle', nameGap: 60, data: names, axisLabel: { rotate: 30, interval: 0, overflow: 'truncate', width: 120, formatter: withoutCity } },
      yAxis: [{ type: 'value', name: CASES, minInterval: 1 }, { type: 'value', name: RATE, max: 100, axisLabel: { formatter: '{value}%' } }],
      series: [
        { name: t('Overdue'), type: 'bar', itemStyle: { color: '#c8281e' }, data: rows.map((row) => row.overdue ?? 0) },
        { name: t('Completed cases'), type: 'bar', itemStyle: { color: '#9aa4b2' }, data: rows.map((row) => row.completed ?? 0) },
        { name: t('Active cases'), type: 'bar', itemStyle: { color: '#7aa7e8' }, data: rows.map((row) => row.open ?? 0) },
        { name: t('On-time rate'), type: 'line', yAxisIndex: 1, itemStyle: { color: '#1f5fbf' }, data: rows.map((row) => rate(row.onTimeRate)) },
        { name: t('Satisfaction'), type: 'line', yAxisIndex: 1, itemStyle: { color: '#2e8b3d' }, data: rows.map((row) => rate(row.satisfactionRate)) },
      ],
    }));
  }
  return () => disposers.forEach((dispose) => dispose());
}
