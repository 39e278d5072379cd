import { api, query } from '../api/client.js';
import { filePicker } from '../app/file-picker.js';
import { downloadFile, uploadFile } from '../api/binary.js';
import type { Attachment, AttachmentKind } from '../api/operation-types.js';
import { problemLines } from '../api/problem-lines.js';
import type { ListOf } from '../api/types.js';
import { append, formatDateTime, h } from '../app/dom.js';
import { notify } from '../app/notify.js';
import { t } from '../i18n/index.js';
import { attachmentKinds, defaultAttachmentKind, type CaseKind } from './case-kind.js';

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * 附件: the case's files, uploaded here (type sniffed by the server) and downloaded (each download recorded).
 * The kind offered first fits the case and the step: an appeal's photos before, then after handling.
 */
export async function attachmentsPanel(caseId: string, options: { taskId?: string; mayUpload: boolean; kind?: CaseKind }): Promise<HTMLElement> {
  const caseKind = options.kind ?? 'approval';
  const section = h('section', { class: 'case-panel', id: 'attachments-panel' });
  const render = async () => {
    const list = await api<ListOf<Attachment>>(`/process-instances/${encodeURIComponent(caseId)}/attachments`).catch(() => ({ items: [] as Attachment[] }));
    section.replaceChildren();
    append(section, [
      h('h3', {}, t('Attachments')),
      list.items.length
        ? h('table', { class: 'list' },
            h('thead', {}, h('tr', {}, h('th', {}, t('File')), h('th', {}, t('Kind')), h('th', {}, t('Size')), h('th', {}, t('Uploaded by')), h('th', {}, t('Time')))),
            h('tbody', {}, list.items.map((file) => h('tr', {},
              h('td', {}, h('button', { type: 'button', class: 'link-button', 'data-attachment': file.id, onclick: () => void save(file) }, file.name)),
              h('td', {}, t(`attachment.${file.kind}`)),
              h('td', {}, sizeText(file.size)),
              h('td', {}, file.uploadedByName ?? file.uploadedBy),
              h('td', {}, formatDateTime(file.uploadedAt)),
            ))))
        : h('p', { class: 'muted' }, t('No attachments')),
      options.mayUpload ? uploadForm(defaultAttachmentKind(caseKind, list.items, options.taskId)) : null,
    ]);
  };
  const save = async (file: Attachment) => {
    try {
      const blob = await downloadFile(`/attachments/${encodeURIComponent(file.id)}`);
      const url = URL.createObjectURL(blob);
      const anchor = h('a', { href: url, download: file.name });
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      notify(problemLines(error).join('；'), 'error');
    }
  };
  const uploadForm = (fitting: AttachmentKind) => {
    const { input, element: picker } = filePicker({ id: 'attachment-file', choose: t('Choose a file'), nothingChosen: t('No file chosen') });
    const kind = h('select', { id: 'attachment-kind' }, attachmentKinds(caseKind).map((value) => h('option', { value, selected: value === fitting }, t(`attachment.${value}`))));
    const message = h('span', { class: 'error-text', id: 'attachment-error' });
    const button = h('button', {
      type: 'button',
      id: 'attachment-upload',
      onclick: async () => {
        const file = input.files?.[0];
        if (!file) return void (message.textContent = t('Choose a file first'));
        try {
          await uploadFile(`/process-instances/${encodeURIComponent(caseId)}/attachments${query({ name: file.name, kind: kind.value, taskId: options.taskId })}`, file);
          notify(t('Attachment uploaded'), 'success');
          await render();
        } catch (error) {
          message.textContent = problemLines(error).join('；');
        }
      },
    }, t('Upload'));
    return h('div', { class: 'toolbar' }, h('label', {}, t('File'), picker), h('label', {}, t('Kind'), kind), button, message);
  };
  await render();
  return section;
}
