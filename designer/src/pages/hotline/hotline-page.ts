import type { components } from '../../../../api/client/schema.js';
import { api, query } from '../../api/client.js';
import { h } from '../../app/dom.js';
import { currentUser } from '../../auth/session.js';
import { t } from '../../i18n/index.js';

// The API's own types (api/client/schema.d.ts, generated from the OpenAPI document).
type RateRow = components['schemas']['HotlineRateRow'];
type HotSpots = components['schemas']['HotSpots'];
interface Region {
  code: string;
  name: string;
}

const DAY = 86_400_000;
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(2)}%`);
/** A date input's value (China day) and back. */
const chinaDay = (date: Date) => new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();

/**
 * 民意速办看板 of the city or a town: on-time and satisfaction rates by category, town and handling unit, and the hot
 * spots as a heat table (category × town by week) with the fastest risers. A town user sees their own town.
 */
export async function renderPage(root: HTMLElement): Promise<void> {
  const me = currentUser()!;
  const towns = await api<Region[] | { items: Region[] }>(`/catalog/regions${query({ level: 'town' })}`)
    .then((answer) => (Array.isArray(answer) ? answer : answer.items))
    .catch(() => [] as Region[]);
  const today = new Date();
  const fromInput = h('input', { type: 'date', id: 'hotline-from', value: chinaDay(new Date(today.getTime() - 30 * DAY)) });
  const toInput = h('input', { type: 'date', id: 'hotline-to', value: chinaDay(today) });
  const townSelect = h(
    'select',
    { id: 'hotline-town', 'aria-label': t('Town') },
    h('option', { value: '' }, t('Whole city')),
    towns.map((town) => h('option', { value: town.code }, town.name)),
  );
  const body = h('div', { class: 'hotline-body' });
  root.append(
    h('h2', {}, t('12345 dashboard')),
    h(
      'div',
      { class: 'toolbar hotline-filter' },
      h('label', {}, t('Period from'), ' ', fromInput),
      h('label', {}, t('Period to'), ' ', toInput),
      me.regionCode ? null : h('label', {}, t('Town'), ' ', townSelect),
      h('button', { id: 'hotline-show', onclick: () => void show() }, t('Show figures')),
    ),
    body,
  );

  async function show(): Promise<void> {
    const scope = { from: dayStart(fromInput.value), to: new Date(new Date(dayStart(toInput.value)).getTime() + DAY).toISOString(), town: townSelect.value || undefined };
    body.replaceChildren(h('p', { class: 'muted' }, '…'));
    try {
      const [summary, byCategory, byTown, byUnit, spots] = await Promise.all([
        api<{ total: RateRow }>(`/hotline/dashboard${query(scope)}`),
        api<{ items: RateRow[]; total: number }>(`/hotline/dashboard/rates${query({ ...scope, groupBy: 'category', limit: 20 })}`),
        api<{ items: RateRow[]; total: number }>(`/hotline/dashboard/rates${query({ ...scope, groupBy: 'town', limit: 50 })}`),
        api<{ items: RateRow[]; total: number }>(`/hotline/dashboard/rates${query({ ...scope, groupBy: 'unit', limit: 20 })}`),
        api<HotSpots>(`/hotline/dashboard/hot-spots${query({ ...scope, top: 15 })}`),
      ]);
      body.replaceChildren(...content(summary.total, byCategory, byTown, byUnit, spots));
    } catch (error) {
      body.replaceChildren(h('p', { class: 'error' }, t('The dashboard could not be loaded: {message}', { message: (error as Error).message })));
    }
  }
  await show();
}

function content(total: RateRow, byCategory: { items: RateRow[]; total: number }, byTown: { items: RateRow[]; total: number }, byUnit: { items: RateRow[]; total: number }, spots: HotSpots): HTMLElement[] {
  if (total.tickets === 0) return [h('p', { class: 'empty-state', id: 'hotline-empty' }, t('No tickets in this period'))];
  const kpi = (label: string, value: string | number, id: string) => h('div', { class: 'kpi', id }, h('div', { class: 'value' }, String(value)), h('div', { class: 'label' }, label));
  return [
    h(
      'div',
      { class: 'kpis' },
      kpi(t('Tickets'), total.tickets, 'kpi-tickets'),
      kpi(t('On-time rate'), percent(total.onTimeRate), 'kpi-on-time'),
      kpi(t('Satisfaction rate'), percent(total.satisfactionRate), 'kpi-satisfaction'),
      kpi(t('Open overdue'), total.openOverdue, 'kpi-open-overdue'),
      kpi(t('Reopened'), total.reopened, 'kpi-reopened'),
      kpi(t('Rectifications overdue'), total.rectificationOverdue, 'kpi-rectification-overdue'),
    ),
    rateTable(t('By category'), t('Category'), byCategory, 'rates-category'),
    rateTable(t('By town'), t('Town'), byTown, 'rates-town'),
    rateTable(t('By handling unit'), t('Handling unit of the ticket'), byUnit, 'rates-unit'),
    heatTable(spots),
  ];
}

function rateTable(title: string, first: string, page: { items: RateRow[]; total: number }, id: string): HTMLElement {
  const head = [first, t('Tickets'), t('Tickets completed'), t('On time'), t('On-time rate'), t('Evaluations'), t('Satisfied'), t('Satisfaction rate'), t('Open overdue'), t('Reopened'), t('Rectified'), t('Rectifications overdue')];
  return h(
    'section',
    { class: 'card', id },
    h('h3', {}, title, page.total > page.items.length ? h('span', { class: 'muted' }, `（${page.items.length}/${page.total}）`) : null),
    h(
      'table',
      { class: 'list data-table' },
      h('thead', {}, h('tr', {}, head.map((label) => h('th', {}, label)))),
      h(
        'tbody',
        {},
        page.items.map((row) =>
          h('tr', {}, [row.name, row.tickets, row.completed, row.onTime, percent(row.onTimeRate), row.evaluations, row.satisfied, percent(row.satisfactionRate), row.openOverdue, row.reopened, row.rectified, row.rectificationOverdue].map((cell) => h('td', {}, String(cell)))),
        ),
      ),
    ),
  );
}

/** The hot spots as a heat table: the darker the cell, the more tickets that week. */
function heatTable(spots: HotSpots): HTMLElement {
  const max = Math.max(1, ...spots.rows.flatMap((row) => row.counts));
  const shade = (count: number) => `background: rgba(200, 40, 30, ${(count / max) * 0.75}); color: ${count / max > 0.5 ? '#fff' : 'inherit'}`;
  const week = (day: string) => t('Week of {date}', { date: `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日` });
  return h(
    'section',
    { class: 'card', id: 'hot-spots' },
    h('h3', {}, t('Hot spots (tickets per week)')),
    h(
      'table',
      { class: 'list data-table heat-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('Category')), h('th', {}, t('Town')), spots.weeks.map((day) => h('th', {}, week(day))), h('th', {}, t('Total')), h('th', {}, t('Change on the week before')))),
      h(
        'tbody',
        {},
        spots.rows.map((row) =>
          h(
            'tr',
            {},
            h('td', {}, row.matterName),
            h('td', {}, row.townName),
            row.counts.map((count) => h('td', { class: 'heat-cell', style: shade(count) }, String(count))),
            h('td', {}, String(row.total)),
            h('td', { class: row.rise > 0 ? 'rise' : '' }, row.rise > 0 ? `↑${row.rise}` : row.rise < 0 ? `↓${-row.rise}` : '—'),
          ),
        ),
      ),
    ),
    h('h4', {}, t('Rising fastest')),
    spots.rising.length === 0
      ? h('p', { class: 'empty-state' }, t('No hot spot is rising in the last week'))
      : h('ol', { id: 'hot-spots-rising' }, spots.rising.map((row) => h('li', {}, `${row.townName} · ${row.matterName}：↑${row.rise}`))),
  );
}
