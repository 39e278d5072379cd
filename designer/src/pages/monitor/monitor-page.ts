import { api, ApiProblem, query } from '../../api/client.js';
import type { HistoryEvent, Incident, InstanceStatus, ListOf, ProcessDefinition, ProcessInstance, UserTask } from '../../api/types.js';
import { formatDateTime, h } from '../../app/dom.js';
import { notify } from '../../app/notify.js';
import { loadMore } from '../../app/paged-list.js';
import { navigate, type Route } from '../../app/router.js';
import { hasRole } from '../../auth/session.js';
import { renderCaseDiagram } from '../../cases/case-diagram.js';
import { attachmentsPanel } from '../../cases/attachments-panel.js';
import { caseDataList } from '../../cases/case-data-list.js';
import { caseKind, caseWords } from '../../cases/case-kind.js';
import { reopenPanel } from '../../cases/reopen-panel.js';
import { openCaseStateDialog } from '../../cases/case-state-dialogs.js';
import { opinionsPanel } from '../../cases/opinions-panel.js';
import { historyTimeline } from '../../cases/history-timeline.js';
import { t } from '../../i18n/index.js';
import { caseSla, clockBadge, clocksTable, principalClock } from '../../sla/sla-clocks.js';
import { deadlineCell } from '../../sla/deadline-badge.js';
import { incidentFix } from '../../cases/incident-fix.js';
import { modelNames, type ModelNames } from '../../cases/model-names.js';
import { evaluationPanel } from '../hotline/evaluation-panel.js';
import { intakePanel } from '../hotline/intake-panel.js';

/** 案件监控: search cases; a case page with its diagram, tokens, path, incidents and full history. */
export async function renderPage(root: HTMLElement, route: Route): Promise<() => void> {
  const destroyers: (() => void)[] = [];
  if (route.params[0]) await renderCase(root, route.params[0], destroyers);
  else await renderSearch(root, route);
  return () => destroyers.forEach((destroy) => destroy());
}

/** The catalog matter a case is of (噪声扰民类诉求办理), which the process (a template) does not say. */
function matterName(instance: ProcessInstance): string | null {
  const matter = instance.variables?.matter;
  const name = matter && typeof matter === 'object' ? (matter as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name ? name : null;
}

function statusBadge(status: InstanceStatus): HTMLElement {
  return h('span', { class: `badge badge-${status}`, 'data-status': status }, t(`status.${status}`));
}

async function renderSearch(root: HTMLElement, route: Route): Promise<void> {
  const businessKey = h('input', { id: 'search-business-key', type: 'search', value: route.query.get('businessKey') ?? '', placeholder: t('Business key') });
  // Processes by name (a clerk does not know process ids); the department's deployed ones.
  const wantedProcess = route.query.get('processId') ?? '';
  const definitions = await api<ListOf<ProcessDefinition>>('/process-definitions').then((list) => list.items).catch(() => [] as ProcessDefinition[]);
  const processNames = new Map<string, string>();
  for (const definition of definitions) if (!processNames.has(definition.processId)) processNames.set(definition.processId, definition.name ?? definition.processId);
  if (wantedProcess && !processNames.has(wantedProcess)) processNames.set(wantedProcess, wantedProcess);
  const processId = h('select', { id: 'search-process' },
    h('option', { value: '' }, t('Any process')),
    [...processNames].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')).map(([id, name]) => h('option', { value: id, selected: id === wantedProcess }, name)));
  const status = h('select', { id: 'search-status' },
    ['', 'active', 'completed', 'terminated'].map((value) => h('option', { value, selected: value === (route.query.get('status') ?? '') }, value ? t(`status.${value}`) : t('Any status'))));
  const incident = h('select', { id: 'search-incident' },
    [['', t('Any incidents')], ['true', t('With incidents')], ['false', t('Without incidents')]].map(([value, label]) => h('option', { value, selected: value === (route.query.get('incident') ?? '') }, label)));
  const deadline = h('select', { id: 'search-deadline' }, h('option', { value: '' }, t('Any deadline')), h('option', { value: 'warning' }, t('Due soon')), h('option', { value: 'overdue' }, t('Overdue')));
  const results = h('div', { id: 'case-list', class: 'card' });
  const form = h('form', { class: 'toolbar', onsubmit: (event: Event) => { event.preventDefault(); void search(); } },
    h('label', {}, t('Business key'), businessKey),
    h('label', {}, t('Process'), processId),
    h('label', {}, t('Status'), status),
    h('label', {}, t('Incidents'), incident),
    h('label', {}, t('Deadline'), deadline),
    h('button', { type: 'submit', class: 'primary', id: 'search-cases' }, t('Search')),
  );
  root.append(form, results);

  // The page's first search and one the user starts may answer in either order: only the latest is shown.
  let latestSearch = 0;
  async function search(): Promise<void> {
    const ticket = ++latestSearch;
    const asked = query({ businessKey: businessKey.value.trim(), processId: processId.value, status: status.value, incident: incident.value });
    let items: ProcessInstance[];
    let page: ListOf<ProcessInstance>;
    try {
      page = await api<ListOf<ProcessInstance>>(`/process-instances${asked}`);
      items = page.items;
    } catch (error) {
      if (ticket !== latestSearch) return;
      results.replaceChildren(h('p', { class: 'error-text' }, error instanceof ApiProblem ? error.describe() : String(error)));
      return;
    }
    if (ticket !== latestSearch) return;
    // Which search the list shows (tests and screen readers can tell the new list from the old).
    results.dataset.searched = asked;
    results.replaceChildren(
      items.length
        ? h('table', { class: 'list' },
            h('thead', {}, h('tr', {}, h('th', {}, t('Business key')), h('th', {}, t('Applicant')), h('th', {}, t('Process')), h('th', {}, t('Department')), h('th', {}, t('Status')), h('th', {}, t('Incidents')), h('th', {}, t('Started')), h('th', {}, t('Ended')), h('th', {}, t('Deadline')))),
            h('tbody', {}, items.map(rowOf)))
        : h('p', { class: 'empty' }, t('No cases found')),
      // 共 N 条 and 加载更多: the list reads one page at a time.
      items.length ? loadMore(`/process-instances${asked}`, page, (more) => {
        results.querySelector('tbody')?.append(...more.map(rowOf));
        void watchDeadlines(more);
      }, 'cases-more') : '',
    );
    await watchDeadlines(items);

    function rowOf(item: ProcessInstance): HTMLTableRowElement {
      return h('tr', { class: 'clickable', 'data-instance-id': item.id, onclick: () => navigate(`/monitor/${item.id}`) },
        h('td', {}, item.businessKey ?? h('span', { class: 'muted' }, t('No case number'))),
        h('td', { class: 'applicant' }, item.applicantName ?? '—'),
        h('td', {}, item.processName ?? item.processId),
        h('td', {}, item.departmentName ?? item.department ?? ''),
        h('td', {}, statusBadge(item.status)),
        h('td', { class: 'incident-cell' }, item.openIncidents ? h('span', { class: 'badge badge-overdue', 'data-incidents': item.openIncidents }, t('{count} incidents', { count: item.openIncidents })) : ''),
        h('td', {}, formatDateTime(item.startedAt)),
        h('td', {}, formatDateTime(item.endedAt)),
        h('td', { class: 'deadline-cell' }, ''),
      );
    }
  }

  /** Deadlines come from each case's SLA clocks; the first active cases of each page are enough to watch. */
  async function watchDeadlines(items: ProcessInstance[]): Promise<void> {
    const active = items.filter((item) => item.status === 'active').slice(0, 50);
    await Promise.all(active.map(async (item) => {
      const sla = await caseSla(item.id);
      const clock = sla ? principalClock(sla.case) : undefined;
      const row = results.querySelector<HTMLTableRowElement>(`tr[data-instance-id="${item.id}"]`);
      if (!row || !clock) return;
      row.dataset.deadline = clock.level;
      row.querySelector('.deadline-cell')?.replaceChildren(deadlineCell(clockBadge(clock), clock.dueAt));
    }));
    applyDeadlineFilter();
  }

  function applyDeadlineFilter(): void {
    for (const row of results.querySelectorAll<HTMLTableRowElement>('tr[data-instance-id]')) {
      row.hidden = !!deadline.value && row.dataset.deadline !== deadline.value;
    }
  }
  deadline.addEventListener('change', applyDeadlineFilter);
  await search();
}

async function renderCase(root: HTMLElement, instanceId: string, destroyers: (() => void)[]): Promise<void> {
  let instance: ProcessInstance;
  let history: HistoryEvent[];
  try {
    [instance, history] = await Promise.all([
      api<ProcessInstance>(`/process-instances/${encodeURIComponent(instanceId)}`),
      api<ListOf<HistoryEvent>>(`/process-instances/${encodeURIComponent(instanceId)}/history`).then((list) => list.items),
    ]);
  } catch (error) {
    root.append(h('p', { class: 'error-text' }, error instanceof ApiProblem ? error.describe() : String(error)), h('a', { href: '#/monitor' }, t('Back to the case list')));
    return;
  }
  const [tasks, incidents, sla] = await Promise.all([
    api<ListOf<UserTask>>(`/user-tasks${query({ processInstanceId: instanceId, state: 'created' })}`).then((list) => list.items).catch(() => [] as UserTask[]),
    api<ListOf<Incident> | null>(`/incidents${query({ processInstanceId: instanceId, state: 'active' })}`, { allowNotFound: true }).then((list) => list?.items ?? []).catch(() => [] as Incident[]),
    caseSla(instanceId),
  ]);
  const principal = sla ? principalClock(sla.case) : undefined;
  // A 12345 ticket speaks of 诉求人 and 办理意见, a permit of 申请人 and 审批意见 (case-kind.ts).
  const kind = caseKind(instance.variables);
  const [intake, opinions, attachments, reopen, evaluation] = await Promise.all([
    // 受理信息 of a ticket taken in through 集中受理 (nothing for other cases).
    intakePanel(instance, (free) => destroyers.push(free)),
    opinionsPanel(instanceId, kind),
    attachmentsPanel(instanceId, { mayUpload: instance.status === 'active' && hasRole('staff', 'supervisor', 'integrator'), kind }),
    reopenPanel(history, kind),
    // 好差评 of a 12345 ticket (nothing for other cases).
    evaluationPanel(instance, history),
  ]);
  instance.incidents = incidents;
  const diagram = h('div', { class: 'case-diagram', id: 'case-diagram' });
  const actions = h('div', { class: 'toolbar' });
  if (hasRole('supervisor', 'staff', 'integrator')) {
    if (instance.status === 'active') actions.append(h('button', { id: 'suspend-case', onclick: () => void changeCase('suspend') }, t('Suspend')));
    if (instance.status === 'suspended') actions.append(h('button', { id: 'resume-case', onclick: () => void changeCase('resume') }, t('Resume')));
    if (instance.status === 'active' || instance.status === 'suspended') actions.append(h('button', { class: 'danger', id: 'cancel-case', onclick: () => void changeCase('cancel') }, t('Terminate')));
  }
  const definition = await api<ProcessDefinition>(`/process-definitions/${encodeURIComponent(instance.definitionId)}`).catch((error: unknown) => error);
  const model: ModelNames = modelNames(definition instanceof Error ? null : (definition as ProcessDefinition).xml);
  const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
  const mayFix = hasRole('supervisor', 'staff', 'integrator') && instance.status === 'active';

  root.append(
    h('p', {}, h('a', { href: '#/monitor' }, `← ${t('Back to the case list')}`)),
    h('div', { class: 'card case-detail', id: 'case-detail', 'data-status': instance.status },
      h('h2', {}, `${instance.businessKey ?? t('No case number')} `, statusBadge(instance.status), ' ', principal ? deadlineCell(clockBadge(principal), principal.dueAt) : ''),
      h('dl', {},
        instance.applicantName ? [h('dt', {}, t(caseWords(kind).applicant)), h('dd', { id: 'case-applicant' }, instance.applicantName)] : null,
        matterName(instance) ? [h('dt', {}, t('Matter')), h('dd', { id: 'case-matter' }, matterName(instance))] : null,
        h('dt', {}, t('Process')), h('dd', {}, `${instance.processName ?? instance.processId}（${t('version {n}', { n: instance.version })}）`),
        h('dt', {}, t('Department')), h('dd', {}, instance.departmentName ?? instance.department ?? '—'),
        instance.regionName ? [h('dt', {}, t('Town (镇街)')), h('dd', {}, instance.regionName)] : null,
        h('dt', {}, t('Started')), h('dd', {}, formatDateTime(instance.startedAt)),
        h('dt', {}, t('Ended')), h('dd', {}, formatDateTime(instance.endedAt) || '—'),
        h('dt', {}, t('Waiting at')), h('dd', {}, (instance.activeElements ?? []).map((element) => element.name ?? model.nameOf(element.elementId) ?? t('Unnamed step')).join('、') || '—'),
        h('dt', {}, t('Open tasks')), h('dd', {}, tasks.map((task) => `${task.name ?? t('Unnamed step')}（${task.assignee ? (task.assigneeName ?? task.assignee) : t('Unclaimed')}）`).join('、') || '—'),
      ),
      (instance.incidents ?? []).length
        ? h('div', { id: 'case-incidents' }, h('h3', {}, t('Incidents')), (instance.incidents ?? []).map((incident) => incidentFix(incident, instance, model, { mayFix, onFixed: reload })))
        : null,
      actions,
    ),
    intake ?? '',
    reopen ?? '',
    evaluation ?? '',
    sla ? h('div', { class: 'card', id: 'case-sla' }, h('h3', {}, t('Time limits')), clocksTable([...sla.case, ...sla.tasks], (id) => model.nameOf(id))) : '',
    h('div', { class: 'card' }, h('h3', {}, t('Diagram')), diagram, h('p', { class: 'muted' }, t('Green: path taken · Blue: where the case waits · Red: incident'))),
    h('div', { class: 'split' },
      h('div', { class: 'card' }, h('h3', {}, t('History')), historyTimeline(history)),
      h('div', { class: 'card' }, h('h3', {}, t('Case data')), caseDataList(instance.variables ?? {}, undefined, kind), opinions, attachments),
    ),
  );

  try {
    if (definition instanceof Error) throw definition;
    if ((definition as ProcessDefinition).xml) {
      const viewer = await renderCaseDiagram(diagram, (definition as ProcessDefinition).xml!, instance, history);
      destroyers.push(() => viewer.destroy());
      diagram.dataset.ready = 'true';
    }
  } catch (error) {
    diagram.replaceChildren(h('p', { class: 'error-text' }, error instanceof ApiProblem ? error.describe() : String(error)));
  }

  /** 挂起 / 恢复 / 终止, each with its reason (and, for a suspension, whether the legal clock pauses). */
  async function changeCase(change: 'suspend' | 'resume' | 'cancel'): Promise<void> {
    if (!(await openCaseStateDialog(instanceId, change))) return;
    notify(t(change === 'suspend' ? 'Case suspended' : change === 'resume' ? 'Case resumed' : 'Case cancelled'), 'success');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}
