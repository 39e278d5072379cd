import { api } from '../../api/client.js';
import { problemLines } from '../../api/problem-lines.js';
import type { ListOf, Me } from '../../api/types.js';
import { formatDateTime, h } from '../../app/dom.js';
import { openFormDialog } from '../../app/form-dialog.js';
import { notify } from '../../app/notify.js';
import { t } from '../../i18n/index.js';
import { departmentUsers } from '../../staff/staff-directory.js';
import { reasonField, userSelect } from './operations/fields.js';

interface Delegation {
  id: string;
  userId: string;
  delegate: string;
  delegateName: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
}

const WRITTEN = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/;

/**
 * "2026-12-03 08:30" read as China time (UTC+8), whatever the browser's zone; null when not written so.
 * Plain text, not datetime-local, whose display follows the browser's locale (12/03/2026, 08:30 AM).
 */
function chinaTime(value: string): string | null {
  const match = WRITTEN.exec(value.trim());
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}:00+08:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A moment written as China time, the way chinaTime reads it. */
function chinaLocal(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * 委托代理 for a period (leave, 出差): a colleague works the tasks assigned to me meanwhile, recorded as
 * done for me. Lists my delegations given and received; mine can be ended now.
 */
export async function openDelegationsDialog(me: Me): Promise<void> {
  const [list, users] = await Promise.all([api<ListOf<Delegation>>('/delegations'), departmentUsers(me.department)]);
  const names = new Map(users.map((user) => [user.id, user.name]));
  const person = userSelect('delegation-user', users, [me.id], t('Delegate to'));
  const now = new Date();
  const starts = h('input', { type: 'text', id: 'delegation-starts', value: chinaLocal(now), placeholder: '2026-12-03 08:30', maxlength: 16 });
  const ends = h('input', { type: 'text', id: 'delegation-ends', value: chinaLocal(new Date(now.getTime() + 3 * 86_400_000)), placeholder: '2026-12-05 18:00', maxlength: 16 });
  const reason = reasonField('delegation-reason', t('Reason (required)'), t('e.g. 休假、出差'));
  const revoke = async (entry: Delegation, row: HTMLElement) => {
    try {
      await api(`/delegations/${encodeURIComponent(entry.id)}`, { method: 'DELETE' });
      row.remove();
      notify(t('Delegation ended'), 'success');
    } catch (error) {
      notify(problemLines(error).join('；'), 'error');
    }
  };
  const current = list.items.length
    ? h('table', { class: 'list', id: 'delegation-list' },
        h('tbody', {}, list.items.map((entry) => {
          const row = h('tr', {},
            h('td', {}, entry.userId === me.id ? t('To {name}', { name: entry.delegateName ?? entry.delegate }) : t('From {name}', { name: names.get(entry.userId) ?? entry.userId })),
            h('td', {}, `${formatDateTime(entry.startsAt)} — ${formatDateTime(entry.endsAt)}`),
            h('td', {}, entry.reason),
          );
          if (entry.userId === me.id) row.append(h('td', {}, h('button', { type: 'button', class: 'delegation-revoke', onclick: () => void revoke(entry, row) }, t('End now'))));
          return row;
        })))
    : h('p', { class: 'muted' }, t('No delegations in force'));
  const done = await openFormDialog({
    id: 'delegations-dialog',
    title: t('Delegation while away (委托代理)'),
    body: [
      current,
      h('p', { class: 'muted' }, t('During the period the colleague sees and works the tasks assigned to you; the trail records it as done for you.')),
      person.element,
      h('div', { class: 'toolbar' }, h('label', {}, t('From (China time)'), starts), h('label', {}, t('Until (China time)'), ends)),
      reason.element,
    ],
    submitLabel: t('Delegate'),
    validate: () => (person.value() ? (chinaTime(starts.value) && chinaTime(ends.value) ? reason.problem() : t('Write the period as 2026-12-03 08:30')) : t('Choose the colleague')),
    submit: async () => {
      await api('/delegations', { method: 'POST', body: { delegate: person.value(), startsAt: chinaTime(starts.value), endsAt: chinaTime(ends.value), reason: reason.value() } });
    },
  });
  if (done) notify(t('Delegation set'), 'success');
}
