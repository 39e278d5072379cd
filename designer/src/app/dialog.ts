import { h } from './dom.js';
import { t } from '../i18n/index.js';

export interface DialogAction<T> {
  label: string;
  value: T;
  primary?: boolean;
  id?: string;
}

/** A modal <dialog>; resolves with the chosen action's value, or null when dismissed. */
export type DialogBody<T> = (Node | string)[] | ((close: (value: T | null) => void) => (Node | string)[]);

export function openDialog<T>(title: string, body: DialogBody<T>, actions: DialogAction<T>[], id?: string): Promise<T | null> {
  return new Promise((resolve) => {
    const dialog = h('dialog', { id: id ?? null });
    const close = (value: T | null) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    dialog.append(
      h('h3', {}, title),
      ...(typeof body === 'function' ? body(close) : body),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', onclick: () => close(null) }, actions.length ? t('Cancel') : t('Close')),
        actions.map((action) =>
          h('button', { type: 'button', class: action.primary ? 'primary' : '', id: action.id ?? null, onclick: () => close(action.value) }, action.label),
        ),
      ),
    );
    dialog.addEventListener('cancel', () => close(null));
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Let the user save a file the browser creates. */
export function download(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const anchor = h('a', { href: url, download: filename });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
