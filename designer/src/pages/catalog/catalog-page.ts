import { api, ApiProblem, query } from '../../api/client.js';
import type { Classification, ListOf, Matter } from '../../api/types.js';
import { h } from '../../app/dom.js';
import { navigate, type Route } from '../../app/router.js';
import { t } from '../../i18n/index.js';

const SCHEMES = ['DEPT', 'THEME', 'APPEAL'];

/** 事项目录: classification tree with counts, search (Chinese or pinyin initials), matter pages. */
export async function renderPage(root: HTMLElement, route: Route): Promise<void> {
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
    try {
      found = await api<ListOf<Matter> | null>(`/catalog/matters${query({ q: search.value.trim(), classification: selectedClassification, scheme: selectedClassification ? scheme.value : undefined, limit: 100 })}`, { allowNotFound: true });
    } catch (error) {
      resultElement.replaceChildren(h('p', { class: 'error-text' }, error instanceof ApiProblem ? error.describe() : String(error)));
      return;
    }
    if (found === null) {
      resultElement.replaceChildren(h('p', { class: 'empty' }, t('The catalog is not available yet')));
      return;
    }
    resultElement.replaceChildren(
      h('h3', {}, t('Matters'), found.total !== undefined ? h('span', { class: 'muted' }, `（${found.total}）`) : ''),
      found.items.length
        ? h('table', { class: 'list' },
            h('thead', {}, h('tr', {}, h('th', {}, t('Code')), h('th', {}, t('Name')), h('th', {}, t('Department')), h('th', {}, t('Type')))),
            h('tbody', {}, found.items.map((matter) =>
              h('tr', { class: 'clickable', 'data-code': matter.code, onclick: () => navigate(`/catalog/${encodeURIComponent(matter.code)}`) },
                h('td', {}, matter.code), h('td', {}, matter.name), h('td', {}, text(matter.departmentName ?? matter.department)), h('td', {}, text(matter.matterType ?? matter.type))))))
        : h('p', { class: 'empty' }, t('No matching matter')),
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

function text(value: unknown): string {
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

/** Fields worth a heading, in the order a reader of a 办事指南 expects them. */
const SECTIONS = ['legalBasis', 'timeLimits', 'statutoryLimit', 'committedLimit', 'conditions', 'materials', 'implementations', 'units', 'fees', 'channels', 'result'];

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
  const boundProcess = (matter.processId ?? matter.boundProcessId ?? (matter.process as { processId?: string } | undefined)?.processId) as string | undefined;
  const rest = Object.entries(matter).filter(([key]) => !SECTIONS.includes(key) && !['code', 'name'].includes(key));
  root.append(
    h('p', {}, h('a', { href: '#/catalog' }, `← ${t('Back to the catalog')}`)),
    h('div', { class: 'card', id: 'matter-detail' },
      h('h2', {}, `${matter.name}（${matter.code}）`),
      boundProcess ? h('p', {}, t('Bound process'), '：', h('a', { href: `#/modeler?processId=${encodeURIComponent(boundProcess)}`, id: 'open-bound-process' }, `${boundProcess} · ${t('Open in the modeler')}`)) : null,
      h('dl', { class: 'task-detail' }, rest.map(([key, value]) => [h('dt', {}, t(`field.${key}`) === `field.${key}` ? key : t(`field.${key}`)), h('dd', {}, text(value))]).flat()),
    ),
    ...SECTIONS.filter((key) => matter[key] !== undefined && matter[key] !== null).map((key) =>
      h('div', { class: 'card' }, h('h3', {}, t(`field.${key}`)), renderValue(matter[key]))),
  );
}

function renderValue(value: unknown): HTMLElement {
  if (Array.isArray(value) && value.every((item) => item && typeof item === 'object')) {
    const keys = [...new Set(value.flatMap((item) => Object.keys(item as object)))].slice(0, 8);
    return h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, keys.map((key) => h('th', {}, t(`field.${key}`) === `field.${key}` ? key : t(`field.${key}`))))),
      h('tbody', {}, value.map((item) => h('tr', {}, keys.map((key) => h('td', {}, text((item as Record<string, unknown>)[key])))))));
  }
  return h('p', {}, text(value));
}
