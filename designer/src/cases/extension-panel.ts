import { api } from '../api/client.js';
import type { Duration, ExtensionRequest } from '../api/operation-types.js';
import type { HistoryEvent, ListOf, Me } from '../api/types.js';
import { formatDateTime, h } from '../app/dom.js';
import { openFormDialog } from '../app/form-dialog.js';
import { notify } from '../app/notify.js';
import { t } from '../i18n/index.js';
import { reasonField } from '../pages/inbox/operations/fields.js';

function durationText(duration: Duration): string {
  if (typeof duration === 'string') return duration;
  return `${duration.value} ${t(`unit.${duration.unit}`)}`;
}

/** The post that may grant each request, as the trail recorded it when the request was filed. */
function approverPosts(history: HistoryEvent[]): Map<string, string> {
  const posts = new Map<string, string>();
  for (const event of history) {
    if (event.type === 'sla.extension.requested' && typeof event.data?.requestId === 'string' && typeof event.data.approverPost === 'string') posts.set(event.data.requestId, event.data.approverPost);
  }
  return posts;
}

/**
 * 延期申请: requests with their state; staff on the case may ask for one, and holders of the post the
 * rule names (e.g. 审批负责人) approve or refuse. The clock moves only on approval.
 */
export async function extensionPanel(caseId: string, me: Me, history: HistoryEvent[], options: { taskId?: string; mayRequest: boolean; onChange: () => Promise<void> }): Promise<HTMLElement> {
  const list = await api<ListOf<ExtensionRequest>>(`/process-instances/${encodeURIComponent(caseId)}/extension-requests`).catch(() => ({ items: [] as ExtensionRequest[] }));
  const posts = approverPosts(history);
  const mayDecide = (request: ExtensionRequest) => request.state === 'pending' && (me.groups ?? []).includes(posts.get(request.id) ?? '');
  const decide = async (request: ExtensionRequest, decision: 'approve' | 'reject') => {
    const reason = reasonField(`extension-${decision}-reason`, decision === 'reject' ? t('Reason (required)') : t('Remark'));
    const done = await openFormDialog({
      id: `extension-${decision}-dialog`,
      title: decision === 'approve' ? t('Grant the extension of {duration}', { duration: durationText(request.duration) }) : t('Refuse the extension'),
      body: [h('p', {}, request.reason), reason.element],
      submitLabel: decision === 'approve' ? t('Grant') : t('Refuse'),
      validate: () => (decision === 'reject' ? reason.problem() : null),
      submit: async () => {
        await api(`/extension-requests/${encodeURIComponent(request.id)}/${decision}`, { method: 'POST', body: reason.value().length >= 2 ? { reason: reason.value() } : {} });
      },
    });
    if (done) {
      notify(decision === 'approve' ? t('Extension granted') : t('Extension refused'), 'success');
      await options.onChange();
    }
  };
  const request = async () => {
    const value = h('input', { type: 'number', id: 'extension-value', min: 1, max: 365, value: 5 });
    const unit = h('select', { id: 'extension-unit' }, h('option', { value: 'workingDay' }, t('unit.workingDay')), h('option', { value: 'naturalDay' }, t('unit.naturalDay')));
    const reason = reasonField('extension-reason');
    const basis = h('input', { id: 'extension-basis', maxlength: 300 });
    const done = await openFormDialog({
      id: 'extension-dialog',
      title: t('Ask for an extension (延期申请)'),
      body: [h('div', { class: 'toolbar' }, h('label', {}, t('Extend by'), value), h('label', {}, t('Unit'), unit)), reason.element, h('label', {}, t('Legal basis'), basis)],
      submitLabel: t('Submit request'),
      validate: () => (Number(value.value) >= 1 ? reason.problem() : t('Give the number of days')),
      submit: async () => {
        await api(`/process-instances/${encodeURIComponent(caseId)}/extension-requests`, {
          method: 'POST',
          body: { duration: { value: Number(value.value), unit: unit.value }, reason: reason.value(), ...(basis.value.trim().length >= 2 ? { legalBasis: basis.value.trim() } : {}), ...(options.taskId ? { taskId: options.taskId } : {}) },
        });
      },
    });
    if (done) {
      notify(t('Extension requested'), 'success');
      await options.onChange();
    }
  };
  return h('section', { class: 'case-panel', id: 'extension-panel' },
    h('h3', {}, t('Extension requests')),
    list.items.length
      ? h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, h('th', {}, t('Extend by')), h('th', {}, t('Reason')), h('th', {}, t('Requested')), h('th', {}, t('State')), h('th', {}, ''))),
          h('tbody', {}, list.items.map((entry) => h('tr', { 'data-extension': entry.id },
            h('td', {}, durationText(entry.duration)),
            h('td', {}, entry.reason),
            h('td', {}, formatDateTime(entry.requestedAt)),
            h('td', {}, t(`extension.${entry.state}`), entry.decisionReason ? h('div', { class: 'muted' }, entry.decisionReason) : null),
            h('td', {}, mayDecide(entry)
              ? [h('button', { type: 'button', class: 'extension-approve', onclick: () => void decide(entry, 'approve') }, t('Grant')), ' ', h('button', { type: 'button', class: 'extension-reject', onclick: () => void decide(entry, 'reject') }, t('Refuse'))]
              : entry.state === 'pending' && posts.get(entry.id) ? h('span', { class: 'muted' }, t('Awaiting {post}', { post: posts.get(entry.id) })) : ''),
          ))))
      : h('p', { class: 'muted' }, t('No extension requests')),
    options.mayRequest ? h('button', { type: 'button', id: 'extension-request', onclick: () => void request() }, t('Ask for an extension')) : null,
  );
}
