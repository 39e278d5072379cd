import './hotline.css';
import { api, ApiProblem, query } from '../../api/client.js';
import type { Region } from '../../api/staff-types.js';
import type { ProcessInstance } from '../../api/types.js';
import { formatDateTime, h } from '../../app/dom.js';
import { notify } from '../../app/notify.js';
import { hasRole, holdsPost } from '../../auth/session.js';
import { INTAKE_POST } from './intake-facts.js';
import { t } from '../../i18n/index.js';
import { towns } from '../../staff/staff-directory.js';
import { duplicatesCard, type IntakeRow } from './intake-duplicates.js';
import { filePicker } from '../../app/file-picker.js';

/** What POST /hotline/addresses/normalise answers. */
interface NormalisedAddress {
  regionCode: string | null;
  regionName?: string | null;
  path?: { code: string; name: string; level: string }[];
  ambiguous?: string[];
}
interface MatterChoice {
  code: string;
  name: string;
}
interface IntakeOutcome {
  instance: ProcessInstance;
  intake: IntakeRow;
  address: NormalisedAddress | null;
  duplicates: IntakeRow[];
}

/** The channels the API takes a ticket from, as the centre calls them. */
const CHANNELS = ['phone', 'web', 'app', 'window'] as const;
/** 12345 categories are the catalog's 诉求工单 matters. */
const TICKET_MATTER_TYPE = '诉求工单';

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function problemText(error: unknown): string {
  return error instanceof ApiProblem ? error.describe() : String(error);
}

/**
 * 集中受理: a 话务员 takes in a ticket from the phone, the web, the app or the window: what the citizen asks, who
 * asks, the category (by name), the town and the address (normalised against the region tree) and pictures.
 * The server numbers the ticket (案件编号); likely duplicates are offered for merging.
 */
export async function renderPage(root: HTMLElement): Promise<void> {
  root.append(h('h2', {}, t('12345 intake')));
  // The API refuses anyone else (403): the page says so instead of a form that cannot be sent.
  if (!hasRole('staff', 'integrator') || !holdsPost(INTAKE_POST)) {
    root.append(h('p', { class: 'empty', id: 'intake-not-allowed' }, t('Only holders of the intake post ({post}) take in tickets', { post: INTAKE_POST })));
    return;
  }
  const townList = await towns().catch(() => [] as Region[]);
  const regionNames = new Map<string, string>(townList.map((town) => [town.code, town.name]));

  const channel = h('select', { id: 'intake-channel' }, CHANNELS.map((value) => h('option', { value }, t(`intakeChannel.${value}`))));
  const text = h('textarea', { id: 'intake-text', maxlength: 4000, placeholder: t('What the citizen asks, in their words') });
  const reporterName = h('input', { type: 'text', id: 'intake-reporter-name', maxlength: 100, placeholder: t('Name, e.g. 李女士') });
  const reporterPhone = h('input', { type: 'tel', id: 'intake-reporter-phone', maxlength: 20, autocomplete: 'off', placeholder: t('Phone for the call back') });
  const anonymous = h('input', { type: 'checkbox', id: 'intake-anonymous' });

  // 类别: searched by name among the 12345 categories; the code stays behind the name.
  let matter: MatterChoice | null = null;
  const categorySearch = h('input', { type: 'search', id: 'intake-category-search', placeholder: t('Search the category by name, e.g. 噪声') });
  const categoryChoices = h('ul', { class: 'intake-choices', id: 'intake-category-choices', hidden: true });
  const categoryChosen = h('span', { id: 'intake-category', class: 'muted' }, t('No category chosen'));
  let searchTicket = 0;
  let searchTimer: number | undefined;
  categorySearch.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void searchCategories(), 250);
  });
  async function searchCategories(): Promise<void> {
    const ticket = ++searchTicket;
    const words = categorySearch.value.trim();
    if (!words) {
      categoryChoices.hidden = true;
      return;
    }
    const found = await api<{ items: MatterChoice[] }>(`/catalog/matters${query({ q: words, matterType: TICKET_MATTER_TYPE, limit: 12 })}`).catch(() => ({ items: [] as MatterChoice[] }));
    if (ticket !== searchTicket) return;
    categoryChoices.replaceChildren(
      ...(found.items.length
        ? found.items.map((item) => h('li', {}, h('button', { type: 'button', 'data-matter': item.code, onclick: () => choose(item) }, item.name)))
        : [h('li', { class: 'muted', style: 'padding:5px 10px' }, t('No category matches'))]),
    );
    categoryChoices.hidden = false;
  }
  function choose(item: MatterChoice): void {
    matter = item;
    categoryChosen.className = 'intake-chosen';
    categoryChosen.textContent = item.name;
    categoryChoices.hidden = true;
    categorySearch.value = '';
  }

  // 镇街 and 村居 by name from the region tree; an address recognised fills them in.
  const townSelect = h('select', { id: 'intake-town' }, h('option', { value: '' }, t('Choose the town')), townList.map((town) => h('option', { value: town.code }, town.name)));
  const villageSelect = h('select', { id: 'intake-village', disabled: true }, h('option', { value: '' }, t('Whole town')));
  townSelect.addEventListener('change', () => void loadVillages(townSelect.value));
  // A town picked again before its villages came (or an address recognised twice) shows only the latest list.
  let villagesAsked = 0;
  async function loadVillages(town: string, chosen = ''): Promise<void> {
    const asked = ++villagesAsked;
    villageSelect.replaceChildren(h('option', { value: '' }, t('Whole town')));
    villageSelect.disabled = !town;
    if (!town) return;
    const villages = await api<{ items: Region[] }>(`/catalog/regions${query({ parent: town })}`).then((list) => list.items).catch(() => [] as Region[]);
    if (asked !== villagesAsked) return;
    for (const village of villages) {
      regionNames.set(village.code, village.name);
      villageSelect.append(h('option', { value: village.code, selected: village.code === chosen }, village.name));
    }
  }

  const address = h('input', { type: 'text', id: 'intake-address', maxlength: 300, placeholder: t('e.g. 虎门镇银龙路广场') });
  const addressResult = h('div', { class: 'intake-address-result', id: 'intake-address-result' });
  const normaliseButton = h('button', { type: 'button', id: 'intake-normalise', onclick: () => void normalise() }, t('Recognise the address'));
  let normalised: NormalisedAddress | null = null;
  address.addEventListener('change', () => void normalise());
  async function normalise(): Promise<void> {
    const words = address.value.trim();
    normalised = null;
    if (words.length < 2) {
      addressResult.replaceChildren();
      return;
    }
    try {
      const answer = await api<NormalisedAddress>(`/hotline/addresses/normalise${query({ address: words })}`);
      if (address.value.trim() !== words) return;
      normalised = answer;
      if (!answer.regionCode) {
        addressResult.replaceChildren(h('span', { class: 'warning-text' }, t('No town or village recognised in the address: choose the town')));
        return;
      }
      const path = (answer.path ?? []).filter((step) => step.level !== 'city');
      addressResult.replaceChildren(
        h('span', { class: 'muted' }, t('Recognised as'), '：'),
        h('strong', { id: 'intake-address-normalised' }, path.map((step) => step.name).join(' › ') || (answer.regionName ?? '')),
        answer.ambiguous?.length ? h('span', { class: 'warning-text' }, ` ${t('(could also be {names})', { names: answer.ambiguous.join('、') })}`) : '',
      );
      const town = path.find((step) => step.level === 'town');
      const village = path.find((step) => step.level === 'village');
      if (town) {
        townSelect.value = town.code;
        await loadVillages(town.code, village?.code ?? '');
      }
    } catch (error) {
      addressResult.replaceChildren(h('span', { class: 'error-text' }, problemText(error)));
    }
  }

  const { input: pictures, element: picturesField } = filePicker({ id: 'intake-pictures', choose: t('Choose pictures'), nothingChosen: t('No picture chosen'), accept: 'image/*', multiple: true });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'intake-submit' }, t('Take in the ticket'));
  const outcome = h('div', { id: 'intake-outcome' });
  const field = (label: string, ...content: (Node | string | null)[]) => [h('div', { class: 'field-label' }, label), h('div', {}, ...content)];
  const form = h(
    'form',
    { class: 'card intake-form', id: 'intake-form', onsubmit: (event: Event) => { event.preventDefault(); void takeIn(); } },
    ...field(t('Channel'), channel),
    ...field(t('Appeal'), text),
    ...field(t('Citizen'), h('div', { class: 'inline' }, reporterName, reporterPhone, h('label', { class: 'inline-label' }, anonymous, t('Keep the name from the handling unit')))),
    ...field(t('Category'), categorySearch, categoryChoices, h('div', {}, categoryChosen)),
    ...field(t('Address'), h('div', { class: 'inline address' }, address, normaliseButton), addressResult),
    ...field(t('Town and village'), h('div', { class: 'inline' }, townSelect, villageSelect)),
    ...field(t('Pictures'), h('div', { class: 'inline' }, picturesField), h('div', { class: 'muted small' }, t('Up to 9 pictures; kept as the before-photos of the case'))),
    h('div', { class: 'intake-actions' }, submit),
  );
  root.append(form, outcome);

  async function takeIn(): Promise<void> {
    const missing = [
      text.value.trim().length < 2 ? t('the appeal') : null,
      reporterName.value.trim() ? null : t('the citizen’s name'),
      matter ? null : t('the category'),
      townSelect.value || normalised?.regionCode ? null : t('the town or an address'),
    ].filter(Boolean);
    if (missing.length) {
      notify(t('Please fill in {fields}', { fields: missing.join('、') }), 'error');
      return;
    }
    const phone = reporterPhone.value.trim();
    const files = [...(pictures.files ?? [])].slice(0, 9);
    submit.disabled = true;
    try {
      const body = {
        channel: channel.value,
        matterCode: matter!.code,
        text: text.value.trim(),
        reporter: { name: reporterName.value.trim(), ...(phone ? { phone } : {}), ...(anonymous.checked ? { anonymous: true } : {}) },
        ...(address.value.trim().length >= 2 ? { address: address.value.trim() } : {}),
        // The region picked by name wins; else the server recognises it in the address.
        ...(villageSelect.value || townSelect.value ? { regionCode: villageSelect.value || townSelect.value } : {}),
        ...(files.length ? { pictures: await Promise.all(files.map(async (file) => ({ name: file.name, contentBase64: await readAsBase64(file) }))) } : {}),
      };
      const taken = await api<IntakeOutcome>('/hotline/tickets', { body });
      notify(t('Ticket {number} taken in', { number: taken.instance.businessKey ?? '' }), 'success');
      form.hidden = true;
      showOutcome(taken, matter!.name, files.length);
    } catch (error) {
      notify(problemText(error), 'error');
    } finally {
      submit.disabled = false;
    }
  }

  function showOutcome(taken: IntakeOutcome, matterName: string, pictureCount: number): void {
    const { instance, intake } = taken;
    const applicant = (instance.variables?.applicant ?? {}) as { name?: string; phone?: string };
    const place = [regionNames.get(intake.regionCode) ?? instance.regionName ?? '', intake.address ?? ''].filter(Boolean).join(' · ');
    const card = h(
      'section',
      { class: 'card', id: 'intake-result' },
      h('h3', {}, t('Ticket taken in')),
      h('p', {}, t('Case number'), '：', h('span', { class: 'intake-ticket-number', id: 'intake-ticket-number' }, instance.businessKey ?? t('No case number'))),
      h(
        'dl',
        { class: 'case-fields' },
        h('dt', {}, t('Channel')), h('dd', {}, t(`intakeChannel.${intake.channel}`)),
        h('dt', {}, t('Category')), h('dd', {}, matterName),
        h('dt', {}, t('Place')), h('dd', { id: 'intake-result-place' }, place || '—'),
        h('dt', {}, t('Citizen')), h('dd', { id: 'intake-result-citizen' }, [applicant.name, applicant.phone].filter(Boolean).join(' ') || '—'),
        h('dt', {}, t('Appeal')), h('dd', {}, intake.text),
        h('dt', {}, t('Pictures')), h('dd', {}, pictureCount ? t('{count} pictures', { count: pictureCount }) : '—'),
        h('dt', {}, t('Taken in at')), h('dd', {}, formatDateTime(intake.receivedAt)),
      ),
      h(
        'div',
        { class: 'toolbar' },
        h('a', { href: `#/monitor/${instance.id}`, id: 'intake-case-link', class: 'intake-link-button' }, t('Open the case')),
        h('button', { type: 'button', id: 'intake-next', onclick: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }, t('Take in the next ticket')),
      ),
    );
    outcome.replaceChildren(card);
    if (taken.duplicates.length) outcome.append(duplicatesCard(instance, taken.duplicates, (code) => regionNames.get(code), (master) => showMerged(card, master)));
  }

  /** A merged ticket is closed: its card says so and leads to the ticket that carries the appeal now. */
  function showMerged(card: HTMLElement, master: IntakeRow): void {
    const number = master.businessKey ?? '';
    card.classList.add('intake-merged-away');
    card.querySelector('h3')?.replaceChildren(t('Ticket taken in, merged into {master} and closed', { master: number }));
    const link = card.querySelector<HTMLAnchorElement>('#intake-case-link');
    if (link) {
      link.href = `#/monitor/${master.processInstanceId}`;
      link.textContent = t('Open {master}', { master: number });
    }
  }
}
