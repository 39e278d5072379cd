import { api, query } from '../../api/client.js';
import type { UserNotification } from '../../api/notification-types.js';
import type { StaffUser } from '../../api/staff-types.js';
import { formatDateTime, h } from '../../app/dom.js';
import { loadMore, type Page } from '../../app/paged-list.js';
import { currentUser } from '../../auth/session.js';
import { t } from '../../i18n/index.js';
import { departmentUsers } from '../../staff/staff-directory.js';
import { showUnreadCount } from './unread-count.js';

const PATH = `/me/notifications${query({ limit: 100 })}`;

/** 我的消息: what others asked of me (催办, 抄送, 转办, 加签, 委托), newest first; opening the page marks them read. */
export async function renderPage(root: HTMLElement): Promise<void> {
  const me = currentUser()!;
  const [list, colleagues] = await Promise.all([
    api<Page<UserNotification>>(PATH).catch(() => ({ items: [] as UserNotification[] }) as Page<UserNotification>),
    departmentUsers(me.department).catch(() => []),
  ]);
  const names = new Map(colleagues.map((user) => [user.id, user.name]));
  // Senders outside my town's list (a city-level colleague, another department's dispatcher): ask one by one.
  const learnNames = async (entries: UserNotification[]) => {
    const unknown = [...new Set(entries.map((entry) => entry.data.by).filter((id): id is string => !!id && !names.has(id)))];
    await Promise.all(unknown.map((id) => api<StaffUser>(`/users/${encodeURIComponent(id)}`).then((user) => names.set(id, user.name)).catch(() => undefined)));
  };
  await learnNames(list.items);
  const row = (entry: UserNotification) => h('tr', { class: entry.read ? '' : 'unread', 'data-type': entry.type },
    h('td', {}, h('strong', {}, t(`notification.${entry.type}`) === `notification.${entry.type}` ? t('Message') : t(`notification.${entry.type}`)),
      entry.data.reason || entry.data.message ? h('div', { class: 'muted' }, String(entry.data.message ?? entry.data.reason)) : null),
    h('td', {}, entry.data.taskId
      ? h('a', { href: `#/inbox/${entry.data.taskId}` }, entry.data.taskName ?? t('Open task'))
      : h('a', { href: `#/monitor/${entry.processInstanceId}` }, t('Open case'))),
    h('td', {}, entry.data.by ? (names.get(entry.data.by) ?? entry.data.by) : '—'),
    h('td', {}, formatDateTime(entry.at)),
  );
  const body = h('tbody', {}, list.items.map(row));
  root.append(
    h('h2', {}, t('My messages')),
    h('div', { class: 'card', id: 'message-list' },
      list.items.length
        ? h('table', { class: 'list' },
            h('thead', {}, h('tr', {}, h('th', {}, t('Message')), h('th', {}, t('Task')), h('th', {}, t('From')), h('th', {}, t('Time')))),
            body)
        : h('p', { class: 'muted' }, t('No messages')),
      list.items.length ? loadMore(PATH, list, (more) => void learnNames(more).then(() => body.append(...more.map(row))), 'messages-more') : null,
    ),
  );
  const newest = Math.max(0, ...list.items.filter((entry) => !entry.read).map((entry) => entry.seq));
  if (newest > 0) {
    await api('/me/notifications/read', { method: 'POST', body: { upTo: newest } }).catch(() => null);
    const badge = document.getElementById('unread-count');
    if (badge) await showUnreadCount(badge);
  }
}
