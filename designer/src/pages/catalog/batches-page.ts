import { api, ApiProblem, query } from '../../api/client.js';
import { uploadFile } from '../../api/binary.js';
import { problemLines } from '../../api/problem-lines.js';
import { h, formatDateTime } from '../../app/dom.js';
import { openDialog } from '../../app/dialog.js';
import { notify } from '../../app/notify.js';
import { loadMore, type Page } from '../../app/paged-list.js';
import { navigate } from '../../app/router.js';
import { currentUser } from '../../auth/session.js';
import { pickLanguage, t } from '../../i18n/index.js';
import { departments } from '../../staff/staff-directory.js';
import { isCatalogAuthority, mayEditCatalog, mayPublishCatalog } from './catalog-rights.js';
import { chinaToday, fieldLabel, showValue } from './catalog-values.js';

/** An adjustment batch (调整批次) as GET /catalog/batches answers it. */
interface Batch {
  id: string;
  name: string;
  reason: string;
  status: 'draft' | 'published';
  department?: string;
  effectiveDate: string;
  createdAt?: string;
  publishedAt?: string | null;
  itemCount?: number;
}
interface EntryChange {
  code: string;
  change: 'added' | 'removed' | 'modified';
  name?: string;
  fields?: { field: string; from: unknown; to: unknown }[];
}
interface EntityDiff {
  added: number;
  removed: number;
  modified: number;
  changes: EntryChange[];
}
type BatchDiff = Record<'matters' | 'implementations' | 'bundles', EntityDiff>;


const departmentName = async (code: string | undefined) => (code ? (await departments().catch(() => [])).find((entry) => entry.code === code)?.name ?? code : '');

/** 目录调整: upload an Excel batch, read what it changes, publish it. */
export async function renderBatches(root: HTMLElement, batchId: string | undefined): Promise<void> {
  root.append(h('p', {}, h('a', { href: '#/catalog' }, `← ${t('Back to the catalog')}`)));
  if (batchId) return renderBatch(root, batchId);
  if (mayEditCatalog()) root.append(uploadCard());
  const listCard = h('div', { class: 'card', id: 'batch-list' }, h('h3', {}, t('Adjustment batches')));
  root.append(listCard);
  const path = `/catalog/batches${query({ limit: 20 })}`;
  const first = await api<Page<Batch>>(path);
  if (!first.items.length) {
    listCard.append(h('p', { class: 'empty' }, t('No adjustment batch yet'), h('br'), h('span', { class: 'muted' }, mayEditCatalog() ? t('Upload an Excel file above to draft one.') : t('Catalog administrators draft and publish them.'))));
    return;
  }
  const body = h('tbody', {});
  const addRows = async (items: Batch[]) => {
    for (const batch of items) {
      body.append(h('tr', { class: 'clickable', 'data-batch': batch.id, onclick: () => navigate(`/catalog/batches/${encodeURIComponent(batch.id)}`) },
        h('td', {}, batch.name),
        h('td', {}, statusBadge(batch.status)),
        h('td', {}, await departmentName(batch.department)),
        h('td', {}, batch.effectiveDate),
        h('td', {}, String(batch.itemCount ?? '')),
        h('td', {}, formatDateTime(batch.publishedAt ?? batch.createdAt))));
    }
  };
  await addRows(first.items);
  listCard.append(
    h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, [t('Batch name'), t('Status'), t('Department'), t('Effective date'), t('Items'), t('Created or published')].map((label) => h('th', {}, label)))),
      body),
    loadMore(path, first, (items) => void addRows(items), 'batches-more'),
  );
}

function statusBadge(status: Batch['status']): HTMLElement {
  return h('span', { class: `badge ${status === 'published' ? 'badge-completed' : 'badge-warning'}` }, status === 'published' ? t('Published') : t('Draft'));
}

/** The Excel (or CSV/JSON) import: the server checks every row and answers with a draft batch or every error by row. */
function uploadCard(): HTMLElement {
  const file = h('input', { type: 'file', id: 'batch-file', accept: '.xlsx,.csv,.json' });
  const entity = h('select', { id: 'batch-entity' }, h('option', { value: 'matters' }, t('Matters (事项)')), h('option', { value: 'implementations' }, t('Implementation entries (实施清单)')));
  const name = h('input', { id: 'batch-name', placeholder: t('e.g. 2026年第二批事项调整') });
  const reason = h('input', { id: 'batch-reason', placeholder: t('Why the catalog changes') });
  const effective = h('input', { id: 'batch-effective', type: 'date', value: chinaToday() });
  const errors = h('div', { class: 'dialog-error', id: 'batch-upload-errors', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary', id: 'batch-upload' }, t('Upload and draft a batch'));
  const form = h('form', { class: 'toolbar', onsubmit: (event: Event) => { event.preventDefault(); void upload(); } },
    h('label', {}, t('File (Excel template)'), file),
    h('label', {}, t('Content'), entity),
    h('label', {}, t('Batch name'), name),
    h('label', {}, t('Reason'), reason),
    h('label', {}, t('Effective date'), effective),
    button);

  async function upload(): Promise<void> {
    const chosen = file.files?.[0];
    errors.hidden = true;
    if (!chosen) return showErrors([t('Choose a file first')]);
    const format = /\.csv$/i.test(chosen.name) ? 'csv' : /\.json$/i.test(chosen.name) ? 'json' : 'xlsx';
    button.disabled = true;
    try {
      const result = await uploadFile<{ batch: Batch; rows: number }>(
        `/catalog/import/${entity.value}${query({ format, name: name.value.trim(), reason: reason.value.trim(), effectiveDate: effective.value })}`,
        chosen,
      );
      notify(t('Drafted batch “{name}” with {rows} rows', { name: result.batch.name, rows: result.rows }), 'success');
      navigate(`/catalog/batches/${encodeURIComponent(result.batch.id)}`);
    } catch (error) {
      showErrors(importErrors(error));
    } finally {
      button.disabled = false;
    }
  }
  function showErrors(lines: string[]): void {
    errors.replaceChildren(...lines.map((line) => h('div', {}, line)));
    errors.hidden = false;
  }
  return h('div', { class: 'card', id: 'batch-upload-card' },
    h('h3', {}, t('Upload an adjustment batch')),
    h('p', { class: 'muted' }, t('Fill in the import template (download it below), then upload it: every row is checked and the whole file becomes one draft batch, or nothing is imported.'),
      ' ', h('a', { href: '#', id: 'batch-template', onclick: (event: Event) => { event.preventDefault(); void downloadTemplate(entity.value); } }, t('Download the template'))),
    form, errors);
}

/** Each refused row with its number and what is wrong, in the user's language. */
function importErrors(error: unknown): string[] {
  if (!(error instanceof ApiProblem)) return problemLines(error);
  const rows = (error.problem.errors ?? []) as { row?: number; messageZh?: string; message?: string }[];
  return [error.describe(), ...rows.map((entry) => `${entry.row !== undefined ? t('Row {row}', { row: entry.row }) + '：' : ''}${pickLanguage(entry.message, entry.messageZh)}`)];
}

async function downloadTemplate(entity: string): Promise<void> {
  const { downloadFile } = await import('../../api/binary.js');
  const blob = await downloadFile(`/catalog/import-templates/${entity}?format=xlsx`);
  const url = URL.createObjectURL(blob);
  const anchor = h('a', { href: url, download: entity === 'matters' ? '事项导入模板.xlsx' : '实施清单导入模板.xlsx' });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function renderBatch(root: HTMLElement, id: string): Promise<void> {
  let batch: Batch;
  let diff: BatchDiff;
  try {
    [batch, diff] = await Promise.all([api<Batch>(`/catalog/batches/${encodeURIComponent(id)}`), api<BatchDiff>(`/catalog/batches/${encodeURIComponent(id)}/diff`)]);
  } catch (error) {
    root.append(h('p', { class: 'error-text' }, problemLines(error).join('；')));
    return;
  }
  const me = currentUser();
  const actions = h('div', { class: 'toolbar' });
  if (batch.status === 'draft' && mayPublishCatalog()) {
    actions.append(h('button', { type: 'button', class: 'primary', id: 'publish-batch', onclick: () => void publish() }, t('Publish')));
  }
  if (batch.status === 'draft' && mayEditCatalog() && (batch.department === me?.department || isCatalogAuthority())) {
    actions.append(h('button', { type: 'button', class: 'danger', id: 'discard-batch', onclick: () => void discard() }, t('Discard the draft')));
  }
  root.append(
    h('div', { class: 'card', id: 'batch-detail' },
      h('h2', {}, batch.name, ' ', statusBadge(batch.status)),
      h('div', { class: 'task-detail' }, h('dl', {},
        h('dt', {}, t('Reason')), h('dd', {}, batch.reason),
        h('dt', {}, t('Department')), h('dd', {}, await departmentName(batch.department)),
        h('dt', {}, t('Effective date')), h('dd', {}, batch.effectiveDate),
        batch.publishedAt ? [h('dt', {}, t('Published at')), h('dd', {}, formatDateTime(batch.publishedAt))] : [],
      )),
      actions),
    diffCard(diff, batch.status),
  );

  async function publish(): Promise<void> {
    const sure = await openDialog(t('Publish this batch?'), [h('p', {}, t('Its changes take effect on {date} for every department and cannot be withdrawn; a later batch can change them again.', { date: batch.effectiveDate }))], [{ label: t('Publish'), value: true, primary: true, id: 'confirm-publish' }]);
    if (!sure) return;
    try {
      await api(`/catalog/batches/${encodeURIComponent(id)}/publish`, { method: 'POST' });
      notify(t('The batch is published'), 'success');
      root.replaceChildren();
      await renderBatches(root, id);
    } catch (error) {
      notify(problemLines(error).join('\n'), 'error');
    }
  }
  async function discard(): Promise<void> {
    const sure = await openDialog(t('Discard this draft?'), [h('p', {}, batch.name)], [{ label: t('Discard the draft'), value: true, primary: true, id: 'confirm-discard' }]);
    if (!sure) return;
    try {
      await api(`/catalog/batches/${encodeURIComponent(id)}`, { method: 'DELETE' });
      navigate('/catalog/batches');
    } catch (error) {
      notify(problemLines(error).join('\n'), 'error');
    }
  }
}

const ENTITY_TITLES: Record<keyof BatchDiff, string> = { matters: 'Matters', implementations: 'Implementation entries', bundles: 'One-stop services (一件事)' };
const CHANGE_LABELS: Record<EntryChange['change'], [string, string]> = { added: ['Added', 'badge-completed'], modified: ['Batch item changed', 'badge-warning'], removed: ['Abolished', 'badge-overdue'] };

/** What the batch changes: per entity the counts, then each entry by name with its changed fields (before → after). */
function diffCard(diff: BatchDiff, status: Batch['status']): HTMLElement {
  const card = h('div', { class: 'card', id: 'batch-diff' }, h('h3', {}, status === 'draft' ? t('What publishing changes') : t('What the batch changed')));
  const entities = (Object.keys(ENTITY_TITLES) as (keyof BatchDiff)[]).filter((entity) => diff[entity]?.changes.length);
  if (!entities.length) {
    card.append(h('p', { class: 'empty' }, t('Nothing changes: the batch repeats the catalog as it stands.')));
    return card;
  }
  for (const entity of entities) {
    const part = diff[entity];
    card.append(
      h('h4', {}, t(ENTITY_TITLES[entity]), h('span', { class: 'muted' }, `  ${t('Added {n}', { n: part.added })} · ${t('Changed {n}', { n: part.modified })} · ${t('Abolished {n}', { n: part.removed })}`)),
      h('table', { class: 'list batch-diff' },
        h('thead', {}, h('tr', {}, [t('Change'), t('Name'), t('Field'), t('Before'), t('Value after')].map((label) => h('th', {}, label)))),
        h('tbody', {}, part.changes.flatMap((change) => {
          const [label, badge] = CHANGE_LABELS[change.change];
          const fields = change.fields?.length ? change.fields : [null];
          return fields.map((field, index) => h('tr', { 'data-code': change.code, 'data-change': change.change },
            index === 0 ? h('td', { rowspan: fields.length }, h('span', { class: `badge ${badge}` }, t(label))) : null,
            index === 0 ? h('td', { rowspan: fields.length }, h('div', {}, change.name ?? change.code), h('div', { class: 'muted' }, change.code)) : null,
            h('td', {}, field ? fieldLabel(field.field) : ''),
            h('td', { class: 'diff-from' }, field ? showValue(field.field, field.from) : ''),
            h('td', { class: 'diff-to' }, field ? showValue(field.field, field.to) : '')));
        }))),
    );
  }
  return card;
}
