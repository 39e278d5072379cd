import './hotline.css';
import { api } from '../../api/client.js';
import { problemLines } from '../../api/problem-lines.js';
import type { ProcessInstance } from '../../api/types.js';
import { append, formatDateTime, h } from '../../app/dom.js';
import { hasRole } from '../../auth/session.js';
import { pictureThumbnails, type PictureRef } from '../../cases/picture-thumbnails.js';
import { t } from '../../i18n/index.js';
import { coordinates, intakeChannelOf } from './intake-facts.js';
import type { IntakeRow } from './intake-duplicates.js';

/** What GET /process-instances/{id}/intake answers. */
interface TicketIntake {
  intake: IntakeRow;
  master: IntakeRow | null;
  merged: IntakeRow[];
  pictures: PictureRef[];
}

/**
 * 受理信息 on a ticket's case page: how it came in (channel, when, by whom), the citizen's own words, the place as
 * recognised, the 诉求人 (the phone masked as everywhere), the citizen's pictures, and the tickets merged into it
 * (or, for one merged away, the ticket that carries the appeal now). A 重办 shows the intake of the ticket it
 * reopens. Asked only for a case marked as taken in (intake-facts.ts): a permit is never asked, so never a 404.
 */
export async function intakePanel(instance: ProcessInstance, release: (free: () => void) => void): Promise<HTMLElement | null> {
  const channel = intakeChannelOf(instance.variables);
  if (!channel || !hasRole('staff', 'supervisor', 'integrator')) return null;
  const panel = h('section', { class: 'card intake-panel', id: 'case-intake' }, h('h3', {}, t('How the ticket came in')));
  let found: TicketIntake;
  try {
    found = await api<TicketIntake>(`/process-instances/${encodeURIComponent(instance.id)}/intake`);
  } catch (error) {
    panel.append(h('p', { class: 'error-text' }, problemLines(error).join('；')));
    return panel;
  }
  const { intake, master, merged, pictures } = found;
  const reopened = intake.processInstanceId !== instance.id;
  const place = coordinates(intake.longitude, intake.latitude);
  append(panel, [
    reopened
      ? h('p', { class: 'muted', id: 'intake-from-original' }, t('This is a reopened ticket: it came in as'), ' ', ticketLink(intake, 'intake-original-link'))
      : null,
    master ? mergedAway(intake, master) : null,
    h(
      'dl',
      { class: 'case-fields' },
      h('dt', {}, t('Channel')), h('dd', { id: 'intake-channel-shown' }, t(`intakeChannel.${intake.channel}`)),
      h('dt', {}, t('Taken in at')), h('dd', { id: 'intake-received' }, [formatDateTime(intake.receivedAt), intake.receivedByName].filter(Boolean).join(' · ')),
      h('dt', {}, t('Citizen')), h('dd', { id: 'intake-citizen' }, citizenText(instance)),
      h('dt', {}, t('Appeal in the citizen’s words')), h('dd', { id: 'intake-text-shown', class: 'intake-text' }, intake.text),
      h('dt', {}, t('Place')), h('dd', { id: 'intake-place' }, [intake.regionName, intake.address].filter(Boolean).join(' · ') || '—'),
      place ? [h('dt', {}, t('Location')), h('dd', { id: 'intake-location' }, t('Longitude {longitude}°, latitude {latitude}°', place))] : null,
      h('dt', {}, t('Pictures')),
      h('dd', {}, pictures.length ? pictureThumbnails(pictures, { id: 'intake-pictures-shown', release }) : h('span', { class: 'muted' }, t('No pictures'))),
    ),
    merged.length ? mergedInto(merged, reopened) : null,
  ]);
  return panel;
}

/** A ticket by its number: a link when the viewer may open it, else the number alone (the link would only say 404). */
function ticketLink(row: IntakeRow, id?: string): HTMLElement {
  const number = row.businessKey ?? t('No case number');
  if (row.readable === false) return h('span', { class: 'intake-unreadable', title: t('Not a ticket of yours to open'), ...(id ? { id } : {}) }, number);
  return h('a', { href: `#/monitor/${row.processInstanceId}`, ...(id ? { id } : {}) }, number);
}

/** 诉求人 as the case holds them (the API masks the phone); a citizen who asked to stay unnamed is marked so. */
function citizenText(instance: ProcessInstance): string {
  const applicant = instance.variables?.applicant;
  if (!applicant || typeof applicant !== 'object') return typeof applicant === 'string' && applicant ? applicant : '—';
  const { name, phone, anonymous } = applicant as { name?: unknown; phone?: unknown; anonymous?: unknown };
  const parts = [typeof name === 'string' ? name : '', typeof phone === 'string' && phone ? t('(phone {phone})', { phone }) : ''].filter(Boolean);
  return `${parts.join('') || '—'}${anonymous === true ? ` ${t('(name kept from the handling unit)')}` : ''}`;
}

/** A duplicate merged away: closed, with where the appeal is handled now, why and by whom. */
function mergedAway(intake: IntakeRow, master: IntakeRow): HTMLElement {
  return h(
    'p',
    { class: 'intake-merged-note', id: 'intake-merged-into' },
    t('Merged into'), ' ', ticketLink(master, 'intake-master-shown'), ' ',
    h('span', { class: 'muted' }, [intake.mergeReason, intake.mergedByName, formatDateTime(intake.mergedAt)].filter(Boolean).join(' · ')),
  );
}

/** The duplicates merged into this ticket (for a 重办, into the ticket it reopens): their appeals are handled here. */
function mergedInto(rows: IntakeRow[], reopened: boolean): HTMLElement {
  return h(
    'div',
    { id: 'intake-merged-tickets' },
    h('h4', {}, t(reopened ? 'Tickets merged into the original ({count})' : 'Tickets merged into this one ({count})', { count: rows.length })),
    h(
      'table',
      { class: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}, t('Case number')), h('th', {}, t('Channel')), h('th', {}, t('Taken in at')), h('th', {}, t('Appeal')), h('th', {}, t('Reason for merging')))),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { 'data-merged': row.businessKey ?? '' },
            h('td', {}, ticketLink(row)),
            h('td', {}, t(`intakeChannel.${row.channel}`)),
            h('td', {}, formatDateTime(row.receivedAt)),
            h('td', {}, row.text),
            h('td', {}, row.mergeReason ?? '—'),
          ),
        ),
      ),
    ),
  );
}
