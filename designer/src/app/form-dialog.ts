import { problemLines } from '../api/problem-lines.js';
import { t } from '../i18n/index.js';
import { h } from './dom.js';

export interface FormDialogOptions {
  id: string;
  title: string;
  body: (Node | string | null)[];
  submitLabel: string;
  /** Checks the form; a text is shown and the dialog stays open. */
  validate?: () => string | null;
  /** Does the work; a thrown ApiProblem is shown in the dialog (in Chinese) and the dialog stays open. */
  submit: () => Promise<void>;
}

/**
 * A modal form that stays open until its action succeeds or the user cancels, showing what the
 * server refused (titleZh, errors[].messageZh) inside the dialog. Resolves true once submitted.
 */
export function openFormDialog(options: FormDialogOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const errorBox = h('div', { class: 'dialog-error', role: 'alert', hidden: true });
    const submitButton = h('button', { type: 'button', class: 'primary', id: `${options.id}-submit` }, options.submitLabel);
    const dialog = h('dialog', { id: options.id, class: 'form-dialog' });
    const close = (done: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(done);
    };
    const showError = (lines: string[]) => {
      errorBox.replaceChildren(...lines.map((line) => h('div', {}, line)));
      errorBox.hidden = false;
    };
    submitButton.addEventListener('click', async () => {
      const invalid = options.validate?.() ?? null;
      if (invalid) return showError([invalid]);
      submitButton.disabled = true;
      try {
        await options.submit();
        close(true);
      } catch (error) {
        showError(problemLines(error));
      } finally {
        submitButton.disabled = false;
      }
    });
    dialog.append(
      h('h3', {}, options.title),
      h('div', { class: 'form-grid' }, options.body),
      errorBox,
      h('div', { class: 'actions' }, h('button', { type: 'button', id: `${options.id}-cancel`, onclick: () => close(false) }, t('Cancel')), submitButton),
    );
    // A message about what was typed goes once the user changes it.
    dialog.addEventListener('input', () => { errorBox.hidden = true; });
    dialog.addEventListener('change', () => { errorBox.hidden = true; });
    dialog.addEventListener('cancel', () => close(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}
