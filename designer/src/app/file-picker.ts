import { h } from './dom.js';

/**
 * A file field in the page's language: the browser's own file button speaks the browser's language
 * ("Choose File / No file chosen"), so it stays hidden and a button of ours opens it, with the chosen
 * names beside it.
 */
export function filePicker(options: { id: string; choose: string; nothingChosen: string; accept?: string; multiple?: boolean }): { input: HTMLInputElement; element: HTMLElement } {
  const input = h('input', { type: 'file', id: options.id, hidden: true, ...(options.accept ? { accept: options.accept } : {}), ...(options.multiple ? { multiple: true } : {}) }) as HTMLInputElement;
  const chosen = h('span', { class: 'muted', id: `${options.id}-chosen` }, options.nothingChosen);
  input.addEventListener('change', () => {
    const names = [...(input.files ?? [])].map((file) => file.name);
    chosen.textContent = names.length ? names.join('、') : options.nothingChosen;
  });
  const button = h('button', { type: 'button', id: `${options.id}-choose`, onclick: () => input.click() }, options.choose);
  return { input, element: h('span', { class: 'file-picker' }, input, button, ' ', chosen) };
}
