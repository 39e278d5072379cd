import { api, query } from '../../api/client.js';
import type { UserNotification } from '../../api/notification-types.js';
import type { ListOf } from '../../api/types.js';

/** Fill the shell's badge with the number of unread messages (催办, 抄送, 转办给我…); empty when none. */
export async function showUnreadCount(badge: HTMLElement): Promise<void> {
  const list = await api<ListOf<UserNotification>>(`/me/notifications${query({ unread: 'true', limit: 200 })}`).catch(() => null);
  const count = list?.items.length ?? 0;
  badge.textContent = count ? String(count) : '';
  badge.hidden = count === 0;
}
