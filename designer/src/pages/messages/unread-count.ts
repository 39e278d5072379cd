import { api, query } from '../../api/client.js';
import type { UserNotification } from '../../api/notification-types.js';
import type { ListOf } from '../../api/types.js';

/** Fill the shell's badge with the number of unread messages (催办, 抄送, 转办给我…); empty when none. */
export async function showUnreadCount(badge: HTMLElement): Promise<void> {
  const list = await api<ListOf<UserNotification>>(`/me/notifications${query({ unread: 'true', limit: 1 })}`).catch(() => null);
  // The total counts every unread message, not just one page of them.
  const count = list?.total ?? list?.items.length ?? 0;
  badge.textContent = count ? String(count) : '';
  badge.hidden = count === 0;
}
