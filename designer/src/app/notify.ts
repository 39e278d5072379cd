import { h } from './dom.js';

/** A short message in the corner; errors stay until dismissed so nobody misses them. */
export function notify(text: string, kind: 'info' | 'success' | 'error' = 'info'): void {
  let area = document.getElementById('notifications');
  if (!area) {
    area = h('div', { id: 'notifications', 'aria-live': 'polite' });
    document.body.append(area);
  }
  const message = h('div', { class: `notification notification-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
  message.addEventListener('click', () => message.remove());
  area.append(message);
  if (kind !== 'error') setTimeout(() => message.remove(), 4000);
}
