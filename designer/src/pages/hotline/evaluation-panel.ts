import './hotline.css';
import { api, ApiProblem } from '../../api/client.js';
import type { Department, StaffUser } from '../../api/staff-types.js';
import type { HistoryEvent, ListOf, ProcessInstance } from '../../api/types.js';
import { formatDateTime, h } from '../../app/dom.js';
import { notify } from '../../app/notify.js';
import { currentUser, hasRole } from '../../auth/session.js';
import { t } from '../../i18n/index.js';
import { departments, departmentUsers } from '../../staff/staff-directory.js';

/** The national five-level scale of 好差评, best first. */
const RESULTS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;
const UNSATISFIED = new Set<string>(['不满意', '非常不满意']);
/** 12345 tickets are the catalog's 诉求工单 matters. */
const TICKET_MATTER_TYPE = '诉求工单';

interface Evaluation {
  processInstanceId: string;
  result: string;
  comment: string | null;
  evaluatedBy: string;
  evaluatedAt: string;
  reopenedInstanceId: string | null;
  channel: 'citizen' | 'visit';
  remedy: 'reopen' | 'rectify' | null;
}
interface Rectification {
  id: string;
  department: string;
  reason: string;
  state: 'open' | 'closed';
  dueAt: string | null;
  closedAt: string | null;
  outcome: string | null;
  overdue: boolean;
}

export function isHotlineTicket(instance: ProcessInstance): boolean {
  return (instance.variables?.matter as { type?: string } | undefined)?.type === TICKET_MATTER_TYPE;
}

/**
 * 好差评 of a 12345 ticket on its case page: the citizen's evaluation as recorded, and what it caused (重办: the
 * reopened case; 整改: the rectification and its deadline). Staff of the department that owns the finished ticket
 * record it, as the API allows; others who may read it only see it; the rest see nothing.
 */
export async function evaluationPanel(instance: ProcessInstance, history: readonly HistoryEvent[]): Promise<HTMLElement | null> {
  if (!isHotlineTicket(instance) || !hasRole('staff', 'supervisor', 'integrator')) return null;
  const panel = h('div', { class: 'card', id: 'case-evaluation' });
  // The trail says whether there is an evaluation to read (a full first page may not reach it: then ask).
  await fill(panel, instance, history.some((event) => event.type === 'case.evaluated') || history.length >= HISTORY_PAGE);
  return panel;
}

/** The case page's first page of history (the API's default limit). */
const HISTORY_PAGE = 500;

async function fill(panel: HTMLElement, instance: ProcessInstance, evaluated: boolean): Promise<void> {
  const id = encodeURIComponent(instance.id);
  const [evaluation, rectifications] = await Promise.all([
    evaluated ? api<Evaluation | null>(`/process-instances/${id}/evaluation`, { allowNotFound: true }).catch(() => null) : Promise.resolve(null),
    api<ListOf<Rectification>>(`/process-instances/${id}/rectifications`).then((list) => list.items).catch(() => [] as Rectification[]),
  ]);
  const me = currentUser();
  const owner = !!me && (me.roles.includes('admin') || me.department === instance.department);
  panel.replaceChildren(h('h3', {}, t('Citizen evaluation (好差评)')));
  if (evaluation) {
    panel.append(await shownEvaluation(evaluation, rectifications, instance));
  } else if (instance.status !== 'completed') {
    panel.append(h('p', { class: 'muted', id: 'evaluation-not-yet' }, t('The citizen evaluates the ticket once it is finished.')));
  } else if (owner) {
    panel.append(evaluationForm(instance, () => void fill(panel, instance, true)));
  } else {
    panel.append(h('p', { class: 'muted', id: 'evaluation-none' }, t('Not evaluated yet.')));
  }
}

function evaluationForm(instance: ProcessInstance, recorded: () => void): HTMLElement {
  const result = h('select', { id: 'evaluation-result' }, h('option', { value: '' }, t('Choose…')), RESULTS.map((value) => h('option', { value }, value)));
  const channel = h('select', { id: 'evaluation-channel' }, h('option', { value: 'visit' }, t('evaluationChannel.visit')), h('option', { value: 'citizen' }, t('evaluationChannel.citizen')));
  const remedy = h('select', { id: 'evaluation-remedy' }, h('option', { value: 'reopen' }, t('evaluationRemedy.reopen')), h('option', { value: 'rectify' }, t('evaluationRemedy.rectify')));
  const remedyLabel = h('label', { hidden: true }, t('What follows'), remedy);
  const comment = h('textarea', { id: 'evaluation-comment', maxlength: 2000, placeholder: t('What the citizen said') });
  const record = h('button', { type: 'submit', class: 'primary', id: 'evaluation-record' }, t('Record the evaluation'));
  result.addEventListener('change', () => {
    remedyLabel.hidden = !UNSATISFIED.has(result.value);
  });
  const form = h(
    'form',
    { class: 'evaluation-form', id: 'evaluation-form', onsubmit: (event: Event) => { event.preventDefault(); void submit(); } },
    h('label', {}, t('Evaluation'), result),
    h('label', {}, t('Evaluated through'), channel),
    remedyLabel,
    h('label', {}, t('Comment'), comment),
    record,
  );
  return form;

  async function submit(): Promise<void> {
    if (!result.value) {
      notify(t('Choose the citizen’s evaluation'), 'error');
      return;
    }
    record.disabled = true;
    try {
      const unsatisfied = UNSATISFIED.has(result.value);
      const answer = await api<{ reopened: ProcessInstance | null; rectification: Rectification | null }>(`/process-instances/${encodeURIComponent(instance.id)}/evaluation`, {
        body: { result: result.value, channel: channel.value, ...(comment.value.trim() ? { comment: comment.value.trim() } : {}), ...(unsatisfied ? { remedy: remedy.value } : {}) },
      });
      notify(
        answer.reopened
          ? t('Evaluation recorded; the ticket is reopened as {number}', { number: answer.reopened.businessKey ?? '' })
          : answer.rectification
            ? t('Evaluation recorded; a rectification is opened')
            : t('Evaluation recorded'),
        'success',
      );
      recorded();
    } catch (error) {
      notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
      record.disabled = false;
    }
  }
}

async function shownEvaluation(evaluation: Evaluation, rectifications: Rectification[], instance: ProcessInstance): Promise<HTMLElement> {
  const [people, units, reopened] = await Promise.all([
    instance.department ? departmentUsers(instance.department).catch(() => [] as StaffUser[]) : Promise.resolve([] as StaffUser[]),
    rectifications.length ? departments().catch(() => [] as Department[]) : Promise.resolve([] as Department[]),
    evaluation.reopenedInstanceId ? api<ProcessInstance>(`/process-instances/${encodeURIComponent(evaluation.reopenedInstanceId)}`).catch(() => null) : Promise.resolve(null),
  ]);
  const me = currentUser();
  const evaluator = people.find((person) => person.id === evaluation.evaluatedBy)?.name ?? (me?.id === evaluation.evaluatedBy ? me.name : t('Staff of the centre'));
  const unitName = (code: string) => units.find((unit) => unit.code === code)?.name ?? t('The handling unit');
  const followed = evaluation.remedy === 'reopen'
    ? h('span', { id: 'evaluation-reopened' }, t('Reopened (重办) as'), ' ', evaluation.reopenedInstanceId ? h('a', { href: `#/monitor/${evaluation.reopenedInstanceId}` }, reopened?.businessKey ?? t('the new case')) : '—')
    : evaluation.remedy === 'rectify'
      ? h('span', { id: 'evaluation-rectify' }, t('Rectification (整改)'))
      : h('span', { class: 'muted' }, UNSATISFIED.has(evaluation.result) ? t('Neither reopened nor rectified') : t('Nothing to follow up'));
  return h(
    'div',
    { id: 'evaluation-shown' },
    h(
      'dl',
      { class: 'case-fields' },
      h('dt', {}, t('Evaluation')), h('dd', { id: 'evaluation-shown-result', class: UNSATISFIED.has(evaluation.result) ? 'evaluation-result-bad' : 'evaluation-result-good' }, evaluation.result),
      h('dt', {}, t('Evaluated through')), h('dd', {}, t(`evaluationChannel.${evaluation.channel}`)),
      h('dt', {}, t('Comment')), h('dd', { id: 'evaluation-shown-comment' }, evaluation.comment ?? '—'),
      h('dt', {}, t('Recorded by')), h('dd', {}, `${evaluator} · ${formatDateTime(evaluation.evaluatedAt)}`),
      h('dt', {}, t('What followed')), h('dd', {}, followed),
    ),
    rectifications.length
      ? h(
          'table',
          { class: 'list', id: 'evaluation-rectifications' },
          h('thead', {}, h('tr', {}, h('th', {}, t('Rectifying unit')), h('th', {}, t('Rectification reason')), h('th', {}, t('State')), h('th', {}, t('Rectify by')), h('th', {}, t('Rectification outcome')))),
          h(
            'tbody',
            {},
            rectifications.map((row) =>
              h(
                'tr',
                {},
                h('td', {}, unitName(row.department)),
                h('td', {}, row.reason),
                h('td', {}, t(`rectification.${row.state}`), row.overdue ? h('span', { class: 'badge badge-overdue', style: 'margin-left:6px' }, t('Overdue')) : null),
                h('td', {}, formatDateTime(row.dueAt) || '—'),
                h('td', {}, row.outcome ?? '—'),
              ),
            ),
          ),
        )
      : null,
  );
}
