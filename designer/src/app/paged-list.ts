import { api } from '../api/client.js';
import { t } from '../i18n/index.js';
import { h } from './dom.js';

/** What every list endpoint answers: a page of items, the total, and the cursor of the next page (null at the end). */
export interface Page<T> {
  items: T[];
  total?: number;
  nextCursor?: string | null;
}

const withCursor = (path: string, cursor: string) => `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;

/** Every item of a paged list, following nextCursor (for look-ups such as names and choices; `cap` stops a runaway). */
export async function fetchAll<T>(path: string, cap = 10000): Promise<T[]> {
  const items: T[] = [];
  let page = await api<Page<T>>(path);
  items.push(...page.items);
  while (page.nextCursor && items.length < cap) {
    page = await api<Page<T>>(withCursor(path, page.nextCursor));
    items.push(...page.items);
  }
  return items;
}

/**
 * A list a person reads page by page: shows 共 N 条 and a 加载更多 button while the server has
 * more (nextCursor), appending each further page through `onMore`.
 */
export function loadMore<T>(path: string, first: Page<T>, onMore: (items: T[]) => void, id = 'load-more'): HTMLElement {
  let cursor = first.nextCursor ?? null;
  let shown = first.items.length;
  const count = h('span', { class: 'muted list-count' });
  const button = h('button', { type: 'button', class: 'load-more', id }, t('Load more'));
  const update = () => {
    count.textContent = first.total !== undefined ? t('Showing {shown} of {total}', { shown, total: first.total }) : t('Showing {shown}', { shown });
    button.hidden = !cursor;
  };
  button.addEventListener('click', async () => {
    if (!cursor) return;
    button.disabled = true;
    try {
      const page = await api<Page<T>>(withCursor(path, cursor));
      cursor = page.nextCursor ?? null;
      shown += page.items.length;
      onMore(page.items);
    } finally {
      button.disabled = false;
      update();
    }
  });
  update();
  return h('div', { class: 'list-footer' }, count, button);
}
