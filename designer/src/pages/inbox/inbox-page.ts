import { api, ApiProblem, query } from '../../api/client.js';
import type { DeployedForm, HistoryEvent, ListOf, ProcessDefinition, ProcessInstance, UserTask } from '../../api/types.js';
import { append, clear, formatDateTime, h } from '../../app/dom.js';
import { notify } from '../../app/notify.js';
import { loadMore } from '../../app/paged-list.js';
import { navigate, type Route } from '../../app/router.js';
import { currentUser } from '../../auth/session.js';
import { attachmentsPanel } from '../../cases/attachments-panel.js';
import { caseDataList } from '../../cases/case-data-list.js';
import { caseKind } from '../../cases/case-kind.js';
import { extensionPanel } from '../../cases/extension-panel.js';
import { historyTimeline } from '../../cases/history-timeline.js';
import { opinionField } from '../../cases/opinion-field.js';
import { opinionsPanel } from '../../cases/opinions-panel.js';
import { embeddedFormSchema, formJsForm, generatedForm, taskOutputs, type TaskForm } from '../../cases/task-form.js';
import { elementName, gatewayChoices, variableLabel } from '../../cases/variable-labels.js';
import { t } from '../../i18n/index.js';
import { deadlineBadge, deadlineCell } from '../../sla/deadline-badge.js';
import { deadlineStatus } from '../../sla/deadline.js';
import { clockBadge, openTaskClocks, principalClock, taskSla, type SlaClock } from '../../sla/sla-clocks.js';
import { openDelegationsDialog } from './delegations-dialog.js';
import { operationsBar } from './operations/operations-bar.js';
import { pendingSupplement, supplementWaiting } from './operations/supplement-waiting.js';
import { personName, taskFacts } from './task-facts.js';

type SortOrder = 'deadline' | 'created';

/** 我的待办: my department's tasks, claim/unclaim, open with case data and history, complete. */
export async function renderPage(root: HTMLElement, route: Route): Promise<void> {
  const me = currentUser()!;
  const stateSelect = h('select', { id: 'filter-state' }, h('option', { value: 'created' }, t('To do')), h('option', { value: 'completed' }, t('Completed')));
  const scopeSelect = h('select', { id: 'filter-scope' }, h('option', { value: 'department' }, t('My department')), h('option', { value: 'mine' }, t('Assigned to me')));
  const deadlineSelect = h('select', { id: 'filter-deadline' }, h('option', { value: '' }, t('Any deadline')), h('option', { value: 'warning' }, t('Due soon')), h('option', { value: 'overdue' }, t('Overdue')));
  const sortSelect = h('select', { id: 'sort-order' }, h('option', { value: 'deadline' }, t('Deadline first')), h('option', { value: 'created' }, t('Newest first')));
  const searchInput = h('input', { id: 'filter-text', type: 'search', placeholder: t('Task name or case') });
  const listElement = h('div', { id: 'task-list' });
  // 共 N 条 and 加载更多 under the list: the inbox reads one page at a time.
  const listFooter = h('div', { id: 'task-list-footer' });
  const detailElement = h('div', { id: 'task-detail', class: 'card task-detail' }, h('p', { class: 'muted' }, t('Select a task to work on it')));
  let tasks: UserTask[] = [];
  /** The server's own 正常/临期/超期 per task (GET /sla/clocks), when the SLA service is there. */
  let taskClocks = new Map<string, SlaClock>();
  const knownTasks = new Map<string, UserTask>();

  root.append(
    h('div', { class: 'toolbar' },
      h('label', {}, t('State'), stateSelect),
      h('label', {}, t('Scope'), scopeSelect),
      h('label', {}, t('Deadline'), deadlineSelect),
      h('label', {}, t('Sort'), sortSelect),
      h('label', {}, t('Filter'), searchInput),
      h('span', { class: 'spacer' }),
      me.roles.some((role) => role === 'staff' || role === 'supervisor') ? h('button', { id: 'open-delegations', onclick: () => void openDelegationsDialog(me).catch((error: unknown) => notify(String(error), 'error')) }, t('Delegation while away (委托代理)')) : null,
      h('button', { id: 'refresh-tasks', onclick: () => void load() }, t('Refresh')),
    ),
    h('div', { class: 'split' }, h('div', { class: 'card' }, listElement, listFooter), detailElement),
  );
  for (const control of [stateSelect, scopeSelect]) control.addEventListener('change', () => void load());
  for (const control of [deadlineSelect, sortSelect]) control.addEventListener('change', () => renderList());
  searchInput.addEventListener('input', () => renderList());

  async function load(): Promise<void> {
    const params = scopeSelect.value === 'mine' ? { assignee: me.id } : { department: me.department };
    try {
      const path = `/user-tasks${query({ ...params, state: stateSelect.value })}`;
      const [list, clocks] = await Promise.all([
        api<ListOf<UserTask>>(path),
        stateSelect.value === 'created' ? openTaskClocks() : Promise.resolve([]),
      ]);
      tasks = list.items;
      taskClocks = new Map(clocks.filter((clock) => clock.taskId).map((clock) => [clock.taskId!, clock]));
      for (const task of tasks) knownTasks.set(task.id, task);
      listFooter.replaceChildren(loadMore(path, list, (more) => {
        tasks.push(...more);
        for (const task of more) knownTasks.set(task.id, task);
        renderList();
      }, 'tasks-more'));
    } catch (error) {
      listFooter.replaceChildren();
      tasks = [];
      listElement.replaceChildren(h('p', { class: 'error-text' }, error instanceof ApiProblem ? error.describe() : String(error)));
      return;
    }
    renderList();
  }

  function visibleTasks(): UserTask[] {
    const text = searchInput.value.trim().toLowerCase();
    const wantedDeadline = deadlineSelect.value;
    const order = sortSelect.value as SortOrder;
    return tasks
      .filter((task) => !text || `${task.name ?? ''} ${task.case?.businessKey ?? ''} ${task.case?.matterName ?? ''} ${task.case?.processName ?? ''} ${task.case?.applicantName ?? ''} ${task.processInstanceId}`.toLowerCase().includes(text))
      .filter((task) => !wantedDeadline || (taskClocks.get(task.id)?.level ?? deadlineStatus(task.dueDate)?.state) === wantedDeadline)
      .sort((a, b) => {
        if (order === 'created') return b.createdAt.localeCompare(a.createdAt);
        if (a.dueDate && b.dueDate) return a.dueDate.localeCompare(b.dueDate);
        return a.dueDate ? -1 : b.dueDate ? 1 : a.createdAt.localeCompare(b.createdAt);
      });
  }

  function renderList(): void {
    const shown = visibleTasks();
    if (!shown.length) {
      listElement.replaceChildren(h('p', { class: 'empty' }, t('No tasks')));
      return;
    }
    listElement.replaceChildren(
      h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, h('th', {}, t('Task')), h('th', {}, t('Assignee')), h('th', {}, t('Created')), h('th', {}, t('Deadline')))),
        h('tbody', {}, shown.map((task) =>
          h('tr', { class: `clickable ${task.id === route.params[0] ? 'selected' : ''}`, 'data-task-id': task.id, onclick: () => navigate(`/inbox/${task.id}`) },
            h('td', {}, h('div', {}, task.name ?? task.elementId), h('div', { class: 'muted' }, [task.case?.businessKey, task.case?.applicantName, task.case?.matterName ?? task.case?.processName].filter(Boolean).join(' · ') || t('No case number'))),
            h('td', {}, task.assignee ? (task.assignee === me.id ? t('Me') : (task.assigneeName ?? task.assignee)) : h('span', { class: 'muted' }, t('Unclaimed'))),
            h('td', {}, formatDateTime(task.createdAt)),
            h('td', {}, task.dueDate || taskClocks.has(task.id) ? deadlineCell(taskClocks.has(task.id) ? clockBadge(taskClocks.get(task.id)!) : task.state === 'created' ? deadlineBadge(task.dueDate) : null, taskClocks.get(task.id)?.dueAt ?? task.dueDate) : h('span', { class: 'muted' }, '—')),
          ))),
      ),
    );
  }

  /** One task by id; falls back to the case's task list when the server has no single-task route. */
  async function fetchTask(taskId: string): Promise<UserTask> {
    try {
      const task = await api<UserTask>(`/user-tasks/${encodeURIComponent(taskId)}`);
      knownTasks.set(task.id, task);
      return task;
    } catch (error) {
      if (!(error instanceof ApiProblem) || (error.status !== 404 && error.status !== 405)) throw error;
      const hint = knownTasks.get(taskId) ?? tasks.find((task) => task.id === taskId);
      if (!hint) throw error;
      const [open, done] = await Promise.all(
        ['created', 'completed'].map((state) => api<ListOf<UserTask>>(`/user-tasks${query({ processInstanceId: hint.processInstanceId, state })}`).then((list) => list.items).catch(() => [] as UserTask[])),
      );
      const found = [...open, ...done].find((task) => task.id === taskId) ?? hint;
      knownTasks.set(found.id, found);
      return found;
    }
  }

  async function showTask(taskId: string): Promise<void> {
    let task: UserTask;
    try {
      task = await fetchTask(taskId);
    } catch (error) {
      detailElement.replaceChildren(h('p', { class: 'error-text' }, error instanceof ApiProblem ? error.describe() : String(error)));
      return;
    }
    const [instance, history, clocks] = await Promise.all([
      api<ProcessInstance>(`/process-instances/${encodeURIComponent(task.processInstanceId)}`).catch(() => null),
      api<ListOf<HistoryEvent>>(`/process-instances/${encodeURIComponent(task.processInstanceId)}/history`).catch(() => ({ items: [] as HistoryEvent[] })),
      task.state === 'created' ? taskSla(task.id) : Promise.resolve([]),
    ]);
    const clock = principalClock(clocks);
    const waiting = pendingSupplement(task, history.items);
    const variables = { ...(instance?.variables ?? {}), ...(task.variables ?? {}) };
    // A 12345 ticket speaks of 诉求人 and 处置意见, a permit of 申请人 and 审批意见 (case-kind.ts).
    const kind = caseKind(variables);
    let form: TaskForm | null = null;
    let opinion: Awaited<ReturnType<typeof opinionField>> | null = null;
    let xml: string | null = null;
    if (task.state === 'created') {
      const found = await taskFormSchema(task, instance);
      xml = found.xml;
      const fallback = () => generatedForm(variables, xml ? taskOutputs(xml, task.elementId) : [], kind);
      form = found.schema ? await formJsForm(found.schema, variables).catch(fallback) : fallback();
      if (task.mayWork !== false) opinion = await opinionField(kind);
    }
    const refresh = async () => {
      await load();
      await showTask(task.id);
    };
    const [opinions, attachments, extensions] = await Promise.all([
      opinionsPanel(task.processInstanceId, kind),
      attachmentsPanel(task.processInstanceId, { taskId: task.state === 'created' ? task.id : undefined, mayUpload: instance?.status === 'active', kind }),
      extensionPanel(task.processInstanceId, me, history.items, { taskId: task.state === 'created' ? task.id : undefined, mayRequest: task.state === 'created' && task.mayWork !== false, onChange: refresh }),
    ]);
    const banner = h('div', { id: 'task-banner' });
    /** The server's refusal when the next step needs a value: shown next to the form, which asks for it. */
    const formMessage = h('div', { id: 'task-form-message', class: 'task-banner error', role: 'alert', hidden: true });
    const mine = task.assignee === me.id;
    const actions = h('div', { class: 'toolbar' },
      task.state === 'created' && !task.assignee ? h('button', { id: 'claim-task', onclick: () => void act('claim', { assignee: me.id }) }, t('Claim')) : null,
      task.state === 'created' && mine ? h('button', { id: 'unclaim-task', onclick: () => void act('unclaim') }, t('Unclaim')) : null,
      task.state === 'created' && !waiting ? h('button', { id: 'complete-task', class: 'primary', onclick: () => void complete() }, t('Complete')) : null,
      h('span', { class: 'spacer' }),
      h('a', { href: `#/monitor/${task.processInstanceId}` }, t('Open case')),
    );
    if (task.state !== 'created') {
      banner.className = 'task-banner success';
      const doneBy = task.completedBy ?? task.assignee;
      banner.textContent = task.state === 'completed'
        ? doneBy
          ? t('This task was completed by {name}', { name: doneBy === me.id ? t('you') : (task.completedByName ?? task.assigneeName ?? doneBy) })
          : t('This task was completed')
        : t('This task is closed ({state})', { state: t(`taskState.${task.state}`) });
    } else if (task.assignee && !mine) {
      banner.className = 'task-banner warning';
      banner.textContent = t('{assignee} has claimed this task', { assignee: personName(task.assignee, task.assigneeName, me) });
    }
    clear(detailElement);
    append(detailElement, [
      h('h2', {}, task.name ?? task.elementId, ' ', clock ? clockBadge(clock) : task.state === 'created' ? deadlineBadge(task.dueDate) ?? '' : ''),
      banner,
      taskFacts(task, instance, me, clock?.dueAt ?? task.dueDate),
      waiting ? supplementWaiting(task, waiting, refresh) : null,
      waiting ? null : operationsBar(task, me, refresh),
      form ? h('h3', {}, t('Form')) : null,
      form?.element ?? null,
      formMessage,
      opinion?.element ?? null,
      actions,
      opinions,
      attachments,
      extensions,
      h('h3', {}, t('Case data')),
      caseDataList(variables, me.roles.includes('staff') ? { instanceId: task.processInstanceId } : undefined, kind),
      h('h3', {}, t('History')),
      historyTimeline(history.items),
    ]);

    async function act(action: 'claim' | 'unclaim', body: Record<string, unknown> = {}): Promise<void> {
      try {
        await api(`/user-tasks/${encodeURIComponent(task.id)}/${action}`, { method: 'POST', body });
        notify(action === 'claim' ? t('Task claimed') : t('Task released'), 'success');
      } catch (error) {
        showProblem(error);
      }
      await load();
      await showTask(task.id);
    }

    async function complete(): Promise<void> {
      const { variables: submitted, errors } = form ? form.submit() : { variables: {}, errors: [] };
      if (errors.length) {
        banner.className = 'task-banner error';
        banner.textContent = errors.join('；');
        return;
      }
      try {
        const text = opinion?.value();
        await api(`/user-tasks/${encodeURIComponent(task.id)}/complete`, { method: 'POST', body: { variables: submitted, ...(text ? { opinion: text } : {}) } });
        notify(t('Task completed'), 'success');
        await load();
        await showTask(task.id);
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 409) {
          // Someone else was quicker: say so plainly and show the task as it is now.
          await load();
          await showTask(task.id);
          const conflict = document.getElementById('task-banner');
          if (conflict) {
            conflict.className = 'task-banner error';
            conflict.id = 'task-banner';
            conflict.dataset.conflict = 'true';
            conflict.textContent = `${t('Not completed: someone else has already completed or claimed this task.')} ${error.describe()}`;
          }
          return;
        }
        if (error instanceof ApiProblem && error.status === 422 && askForMissing(error)) return;
        showProblem(error);
      }
    }

    /** A gateway needs a value nobody gave (docs/gateway-inputs.md): say which, by name, beside the form, and ask for it. */
    function askForMissing(error: ApiProblem): boolean {
      const missing = (error.problem.errors ?? []).filter((entry) => (entry as { code?: string }).code === 'gateway-needs-variable' && entry.field?.startsWith('/variables/'));
      if (!missing.length) return false;
      const asked = missing.map((entry) => {
        const name = entry.field!.slice('/variables/'.length).replace(/~1/g, '/').replace(/~0/g, '~');
        return { name, gatewayId: entry.elementId ?? '', choices: xml && entry.elementId ? gatewayChoices(xml, entry.elementId, name) : [] };
      });
      const gateways = [...new Set(asked.map((entry) => (xml && entry.gatewayId ? elementName(xml, entry.gatewayId) : null) ?? t('the next step')))];
      const fields = [...new Set(asked.map((entry) => variableLabel(entry.name)))];
      formMessage.hidden = false;
      formMessage.textContent = t('Not completed: {gateways} needs {fields}. Fill it in and complete again.', { gateways: gateways.map((name) => `“${name}”`).join('、'), fields: fields.map((name) => `“${name}”`).join('、') });
      form?.ask?.(asked);
      return true;
    }

    function showProblem(error: unknown): void {
      banner.className = 'task-banner error';
      banner.textContent = error instanceof ApiProblem ? error.describe() : String(error);
    }
  }

  await load();
  if (route.params[0]) await showTask(route.params[0]);
}

/**
 * The form-js schema a task shows: its linked form (formId, deployed on its own, in the version
 * current when the task was created), else the form embedded in the model; null when neither.
 * With the model's XML, which names the gateways and their choices when the server asks for a value.
 */
async function taskFormSchema(task: UserTask, instance: ProcessInstance | null): Promise<{ schema: Record<string, unknown> | null; xml: string | null }> {
  const definition = instance ? await api<ProcessDefinition>(`/process-definitions/${encodeURIComponent(instance.definitionId)}`).catch(() => null) : null;
  const xml = definition?.xml ?? null;
  if (task.formId) {
    const linked = await api<DeployedForm>(`/user-tasks/${encodeURIComponent(task.id)}/form`).catch(() => null);
    if (linked) return { schema: linked.schema, xml };
  }
  return { schema: xml ? embeddedFormSchema(xml, task.elementId) : null, xml };
}
