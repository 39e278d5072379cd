import { api, ApiProblem } from '../../api/client.js';
import type { ProcessInstance } from '../../api/types.js';
import { formatDateTime, h } from '../../app/dom.js';
import { notify } from '../../app/notify.js';
import { t } from '../../i18n/index.js';

/** A ticket as POST /hotline/tickets and GET /process-instances/:id/intake answer it. */
export interface IntakeRow {
  processInstanceId: string;
  businessKey: string | null;
  status: string;
  channel: string;
  matterCode: string;
  regionCode: string;
  regionName?: string | null;
  text: string;
  address: string | null;
  longitude?: number | null;
  latitude?: number | null;
  receivedBy?: string;
  receivedByName?: string | null;
  receivedAt: string;
  mergedInto: string | null;
  mergeReason?: string | null;
  mergedByName?: string | null;
  mergedAt?: string | null;
  /** GET …/intake: whether the viewer may open this ticket. */
  readable?: boolean;
}

/**
 * 疑似重复: open tickets of the same category and place that came in within a day. The clerk merges the new
 * ticket into one of them (it is closed with the reason and linked) or keeps it as a ticket of its own.
 */
export function duplicatesCard(ticket: ProcessInstance, duplicates: IntakeRow[], regionName: (code: string) => string | undefined, merged: (master: IntakeRow) => void): HTMLElement {
  const reason = h('input', { type: 'text', id: 'merge-reason', maxlength: 500, value: t('Same place and same appeal: handled together'), style: 'width:360px' });
  const card = h(
    'section',
    { class: 'card intake-duplicates', id: 'intake-duplicates' },
    h('h3', {}, t('Likely duplicates ({count})', { count: duplicates.length })),
    h('p', { class: 'muted' }, t('Open tickets of the same category at the same place that came in within 24 hours. Merge this ticket into one of them, or keep it separate.')),
    h(
      'table',
      { class: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}, t('Case number')), h('th', {}, t('Taken in at')), h('th', {}, t('Place')), h('th', {}, t('Appeal')), h('th', {}, ''))),
      h(
        'tbody',
        {},
        duplicates.map((row) =>
          h(
            'tr',
            { 'data-duplicate': row.businessKey ?? '' },
            h('td', {}, h('a', { href: `#/monitor/${row.processInstanceId}` }, row.businessKey ?? t('No case number'))),
            h('td', {}, formatDateTime(row.receivedAt)),
            h('td', {}, [regionName(row.regionCode), row.address].filter(Boolean).join(' · ') || '—'),
            h('td', {}, row.text),
            h('td', {}, h('button', { type: 'button', class: 'primary merge-into', onclick: () => void merge(row) }, t('Merge into this ticket'))),
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: 'toolbar', style: 'margin-top:10px' },
      h('label', { class: 'inline-label' }, t('Reason for merging'), reason),
      h('button', { type: 'button', id: 'keep-separate', onclick: () => keep() }, t('Keep it separate')),
    ),
  );
  return card;

  async function merge(master: IntakeRow): Promise<void> {
    try {
      await api(`/process-instances/${encodeURIComponent(ticket.id)}/merge`, { body: { masterId: master.processInstanceId, reason: reason.value.trim() } });
      const number = master.businessKey ?? '';
      notify(t('Ticket {ticket} merged into {master}', { ticket: ticket.businessKey ?? '', master: number }), 'success');
      merged(master);
      card.replaceChildren(
        h('h3', {}, t('Merged')),
        h('p', { id: 'intake-merged' }, t('This ticket was merged into {master} and closed; the citizen’s appeal is handled there.', { master: number }), ' ', h('a', { href: `#/monitor/${master.processInstanceId}`, id: 'intake-master-link' }, t('Open {master}', { master: number }))),
      );
    } catch (error) {
      notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
    }
  }

  function keep(): void {
    card.replaceChildren(h('p', { id: 'intake-kept', class: 'muted' }, t('Kept as a ticket of its own: it is dispatched like any other.')));
  }
}
