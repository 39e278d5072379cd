import { api, ApiProblem, query } from '../../api/client.js';
import type { Classification, ListOf, Matter } from '../../api/types.js';
import { append, h } from '../../app/dom.js';
import { loadMore } from '../../app/paged-list.js';
import { navigate, type Route } from '../../app/router.js';
import { currentUser } from '../../auth/session.js';
import { isCatalogAuthority, mayEditCatalog } from './catalog-rights.js';
import { t } from '../../i18n/index.js';

const SCHEMES = ['DEPT', 'LIFECYCLE', 'HOTLINE', 'CITYMGMT', 'GOVERN'];

/** 事项目录: classification tree with counts, search (Chinese or pinyin initials), matter pages. */
export async function renderPage(root: HTMLElement, route: Route): Promise<void> {
  if (route.params[0] === 'batches') return (await import('./batches-page.js')).renderBatches(root, route.params[1]);
  if (route.params[0]) return renderMatter(root, route.params[0]);
  const scheme = h('select', { id: 'catalog-scheme' }, SCHEMES.map((value) => h('option', { value, selected: value === (route.query.get('scheme') ?? 'DEPT') }, t(`scheme.${value}`))));
  const search = h('input', { id: 'catalog-search', type: 'search', placeholder: t('Search by name, code or pinyin initials'), value: route.query.get('q') ?? '' });
  const treeElement = h('div', { class: 'card', id: 'classification-tree' });
  const resultElement = h('div', { class: 'card', id: 'matter-list' });
  let selectedClassification = route.query.get('classification') ?? '';
  root.append(
    h('form', { class: 'toolbar', onsubmit: (event: Event) => { event.preventDefault(); void searchMatters(); } },
      h('label', {}, t('Classification scheme'), scheme),
      h('label', {}, t('Search'), search),
      h('button', { type: 'submit', class: 'primary' }, t('Search')),
      h('span', { class: 'spacer' }),
      // 目录调整: batches are readable by all, drafted by catalog editors.
      mayEditCatalog() ? h('a', { class: 'button', href: '#/catalog/batches', id: 'open-batches' }, t('Catalog adjustments')) : null,
    ),
    h('div', { class: 'catalog-layout' }, treeElement, resultElement),
  );
  scheme.addEventListener('change', () => void loadTree());

  async function loadTree(): Promise<void> {
    let list: ListOf<Classification> | Classification[] | null;
    try {
      list = await api<ListOf<Classification> | Classification[] | null>(`/catalog/classifications${query({ scheme: scheme.value })}`, { allowNotFound: true });
    } catch (error) {
      treeElement.replaceChildren(h('p', { class: 'error-text' }, error instanceof ApiProblem ? error.describe() : String(error)));
      return;
    }
    const items = Array.isArray(list) ? list : list?.items ?? [];
    if (!items.length) {
      treeElement.replaceChildren(h('p', { class: 'empty' }, list === null ? t('The catalog is not available yet') : t('No classifications')));
      return;
    }
    treeElement.replaceChildren(h('h3', {}, t('Classification')), renderTree(buildTree(items)));
  }

  function renderTree(nodes: Classification[]): HTMLElement {
    return h('ul', { class: 'tree' }, nodes.map((node) =>
      h('li', {},
        h('span', {
          class: `node ${node.code === selectedClassification ? 'selected' : ''}`,
          'data-code': node.code,
          onclick: () => { selectedClassification = node.code === selectedClassification ? '' : node.code; void loadTree(); void searchMatters(); },
        }, node.name, node.count !== undefined ? h('span', { class: 'muted' }, `（${node.count}）`) : ''),
        node.children?.length ? renderTree(node.children) : null,
      )));
  }

  async function searchMatters(): Promise<void> {
    let found: ListOf<Matter> | null;
    const path = `/catalog/matters${query({ q: search.value.trim(), classification: selectedClassification, scheme: selectedClassification ? scheme.value : undefined, limit: 100 })}`;
    try {
      found = await api<ListOf<Matter> | null>(path, { allowNotFound: true });
    } catch (error) {
      resultElement.replaceChildren(h('p', { class: 'error-text' }, error instanceof ApiProblem ? error.describe() : String(error)));
      return;
    }
    if (found === null) {
      resultElement.replaceChildren(h('p', { class: 'empty' }, t('The catalog is not available yet')));
      return;
    }
    const row = (matter: Matter) => h('tr', { class: 'clickable', 'data-code': matter.code, onclick: () => navigate(`/catalog/${encodeURIComponent(matter.code)}`) },
      h('td', {}, matter.code), h('td', {}, matter.name), h('td', {}, text(matter.departmentName ?? matter.department)), h('td', {}, text(matter.matterType ?? matter.type)));
    const body = h('tbody', {}, found.items.map(row));
    resultElement.replaceChildren(
      h('h3', {}, t('Matters'), found.total !== undefined ? h('span', { class: 'muted' }, `（${found.total}）`) : ''),
      found.items.length
        ? h('table', { class: 'list' },
            h('thead', {}, h('tr', {}, h('th', {}, t('Code')), h('th', {}, t('Name')), h('th', {}, t('Department')), h('th', {}, t('Type')))),
            body)
        : h('p', { class: 'empty' }, t('No matching matter')),
      found.items.length ? loadMore(path, found, (more) => body.append(...more.map(row)), 'matters-more') : '',
    );
  }

  await Promise.all([loadTree(), searchMatters()]);
}

/** Accept a flat list (parentCode) or a nested one (children). */
function buildTree(items: Classification[]): Classification[] {
  if (items.some((item) => item.children?.length)) return items;
  const byCode = new Map(items.map((item) => [item.code, { ...item, children: [] as Classification[] }]));
  const roots: Classification[] = [];
  for (const item of byCode.values()) {
    const parent = item.parentCode ? byCode.get(item.parentCode) : undefined;
    if (parent) parent.children!.push(item);
    else roots.push(item);
  }
  return roots;
}

export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(text).join('、');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const preferred = record.name ?? record.title ?? record.label;
    if (preferred !== undefined && Object.keys(record).length <= 2) return text(preferred);
    return Object.entries(record).map(([key, inner]) => `${t(`field.${key}`) === `field.${key}` ? key : t(`field.${key}`)}：${text(inner)}`).join('；');
  }
  return String(value);
}

/** A catalog time limit: {value, unit} with units minute/hour/naturalDay/workingDay/month/year. */
interface Duration {
  value: number;
  unit: string;
}

function isDuration(value: unknown): value is Duration {
  return !!value && typeof value === 'object' && typeof (value as Duration).value === 'number' && typeof (value as Duration).unit === 'string';
}

export function formatDuration(value: unknown): string {
  if (!isDuration(value)) return text(value);
  // A limit of nothing is a matter handled on the spot (即办件).
  if (value.value === 0) return t('On the spot');
  return `${value.value} ${t(`unit.${value.unit}`) === `unit.${value.unit}` ? value.unit : t(`unit.${value.unit}`)}`;
}

const TIME_LIMITS = ['legalTimeLimit', 'legalExtension', 'promisedTimeLimit', 'acceptanceTimeLimit', 'deliveryTimeLimit'];
const SHOWN_SEPARATELY = new Set(['code', 'name', 'legalBasis', 'materials', 'conditions', 'formSchema', 'process', 'processId', 'processDepartment', 'classifications', 'operatingStandard', 'source', 'verified', 'competentDept', ...TIME_LIMITS]);
/** The order a reader of a 办事指南 expects; anything else follows. */
const OVERVIEW_ORDER = ['matterType', 'departmentName', 'department', 'handlingForm', 'serviceObjects', 'channels', 'visitsRequired', 'isCharged', 'result', 'businessItems', 'themes', 'aliases', 'implementingLevel', 'category', 'status', 'effectiveFrom', 'version', 'validFrom', 'validTo'];
const orderOf = (key: string) => (OVERVIEW_ORDER.includes(key) ? OVERVIEW_ORDER.indexOf(key) : OVERVIEW_ORDER.length);

interface Implementation {
  implCode: string;
  regionCode: string;
  implementingUnit: string;
  acceptingUnit?: string;
  handlingUnit?: string;
  promisedTimeLimit?: Duration;
  status?: string;
}

async function renderMatter(root: HTMLElement, code: string): Promise<void> {
  let matter: Matter | null;
  try {
    matter = await api<Matter | null>(`/catalog/matters/${encodeURIComponent(code)}`, { allowNotFound: true });
  } catch (error) {
    root.append(h('p', { class: 'error-text' }, error instanceof ApiProblem ? error.describe() : String(error)));
    return;
  }
  if (!matter) {
    root.append(h('p', { class: 'empty' }, t('Matter {code} was not found', { code })), h('a', { href: '#/catalog' }, t('Back to the catalog')));
    return;
  }
  const implementationsPath = `/catalog/matters/${encodeURIComponent(code)}/implementations${query({ limit: 200 })}`;
  const [implementations, bundles] = await Promise.all([
    api<ListOf<Implementation> | null>(implementationsPath, { allowNotFound: true }).catch(() => null),
    api<ListOf<{ code: string; name: string; leadDept: string }> | null>(`/catalog/bundles${query({ matterCode: code })}`, { allowNotFound: true }).catch(() => null),
  ]);
  const boundProcess = typeof matter.processId === 'string' ? matter.processId : undefined;
  const label = (key: string) => (t(`field.${key}`) === `field.${key}` ? key : t(`field.${key}`));
  const overview = Object.entries(matter)
    .filter(([key, value]) => !SHOWN_SEPARATELY.has(key) && value !== null && value !== undefined && value !== '')
    .sort(([a], [b]) => orderOf(a) - orderOf(b));
  const steps = ((matter.operatingStandard as { steps?: Record<string, unknown>[] } | undefined)?.steps ?? []).map((step) => ({ ...step, maxDuration: step.maxDuration ? formatDuration(step.maxDuration) : '' }));
  const limits = TIME_LIMITS.filter((key) => matter[key]);
  const legalBasis = Array.isArray(matter.legalBasis) ? (matter.legalBasis as Record<string, unknown>[]) : [];
  const materials = Array.isArray(matter.materials) ? (matter.materials as Record<string, unknown>[]) : [];
  const conditions = Array.isArray(matter.conditions) ? (matter.conditions as string[]) : [];
  append(root, [
    h('p', {}, h('a', { href: '#/catalog' }, `← ${t('Back to the catalog')}`)),
    h('div', { class: 'card', id: 'matter-detail' },
      h('h2', {}, `${matter.name}（${matter.code}）`,
        mayEdit(matter) ? h('button', { type: 'button', id: 'edit-matter', class: 'heading-action', onclick: () => void import('./matter-edit.js').then(({ editMatter }) => editMatter(matter)) }, t('Edit matter')) : null),
      h('p', {}, t('Bound process'), '：', boundProcess
        ? h('a', { href: `#/modeler?processId=${encodeURIComponent(boundProcess)}`, id: 'open-bound-process' }, `${boundProcess} · ${t('Open in the modeler')}`)
        : h('span', { class: 'muted' }, t('None yet'))),
      h('div', { class: 'task-detail' }, h('dl', {}, overview.map(([key, value]) => [h('dt', {}, label(key)), h('dd', {}, key === 'isCharged' ? (value ? t('Yes') : t('No')) : text(value))]).flat())),
    ),
    limits.length
      ? h('div', { class: 'card task-detail' }, h('h3', {}, t('field.timeLimits')), h('dl', {}, limits.map((key) => [h('dt', {}, label(key)), h('dd', {}, formatDuration(matter[key]))]).flat()))
      : null,
    steps.length ? h('div', { class: 'card' }, h('h3', {}, t('field.operatingStandard')), table(steps, ['name', 'role', 'maxDuration', 'checklist', 'requiredOutputs'])) : null,
    legalBasis.length
      ? h('div', { class: 'card' }, h('h3', {}, t('field.legalBasis')), table(legalBasis, ['lawName', 'level', 'docNo', 'article', 'clause', 'text']))
      : null,
    bundles?.items.length
      ? h('div', { class: 'card', id: 'matter-bundles' }, h('h3', {}, t('Part of 一件事')),
          h('ul', {}, bundles.items.map((bundle) => h('li', {}, h('a', { href: `#/bundles/${encodeURIComponent(bundle.code)}` }, bundle.name), h('span', { class: 'muted' }, `（${t('Lead department')}：${bundle.leadDept}）`)))))
      : null,
    conditions.length ? h('div', { class: 'card' }, h('h3', {}, t('field.conditions')), h('ol', {}, conditions.map((condition) => h('li', {}, condition)))) : null,
    materials.length ? h('div', { class: 'card' }, h('h3', {}, t('field.materials')), table(materials)) : null,
    implementations?.items.length
      ? h('div', { class: 'card', id: 'implementations' },
          h('h3', {}, t('field.implementations'), implementations.total !== undefined ? h('span', { class: 'muted' }, `（${implementations.total}）`) : ''),
          implementationTable(implementations.items),
          loadMore(implementationsPath, implementations, (more) => document.querySelector('#implementations tbody')?.append(...implementationTable(more).querySelectorAll('tbody > tr')), 'implementations-more'))
      : null,
  ]);
}

/** The central catalog administrators edit every matter; a department's designers and catalog administrators their own. */
function mayEdit(matter: Matter): boolean {
  const me = currentUser();
  if (!me || !mayEditCatalog()) return false;
  return isCatalogAuthority() || matter.department === me.department;
}

const IMPLEMENTATION_COLUMNS = ['regionCode', 'implementingUnit', 'acceptingUnit', 'handlingUnit', 'promisedTimeLimit', 'status'];
function implementationTable(items: Implementation[]): HTMLElement {
  return table(items.map((item) => ({ ...item, promisedTimeLimit: item.promisedTimeLimit ? formatDuration(item.promisedTimeLimit) : '' })) as unknown as Record<string, unknown>[], IMPLEMENTATION_COLUMNS);
}

function table(rows: Record<string, unknown>[], columns?: string[]): HTMLElement {
  const keys = columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))].slice(0, 8);
  const label = (key: string) => (t(`field.${key}`) === `field.${key}` ? key : t(`field.${key}`));
  return h('table', { class: 'list' },
    h('thead', {}, h('tr', {}, keys.map((key) => h('th', {}, label(key))))),
    h('tbody', {}, rows.map((row) => h('tr', {}, keys.map((key) => h('td', {}, text(row[key])))))));
}
