import { h } from './dom.js';

/** How many passing notes stay in the corner at once: more would cover the page's right edge. */
const MAX_PASSING = 3;

/** A short message in the corner; errors stay until dismissed so nobody misses them, passing notes fade and the oldest give way. */
export function notify(text: string, kind: 'info' | 'success' | 'error' = 'info'): void {
  let area = document.getElementById('notifications');
  if (!area) {
    area = h('div', { id: 'notifications', 'aria-live': 'polite' });
    document.body.append(area);
  }
  const message = h('div', { class: `notification notification-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
  message.addEventListener('click', () => message.remove());
  area.append(message);
  if (kind === 'error') return;
  setTimeout(() => message.remove(), 4000);
  const passing = [...area.querySelectorAll('.notification:not(.notification-error)')];
  for (const old of passing.slice(0, Math.max(0, passing.length - MAX_PASSING))) old.remove();
}
