import { api, ApiProblem } from '../../api/client.js';
import { append, h } from '../../app/dom.js';
import { notify } from '../../app/notify.js';
import { navigate, type Route } from '../../app/router.js';
import { hasRole } from '../../auth/session.js';
import { t } from '../../i18n/index.js';
import { formatDuration } from '../catalog/catalog-page.js';

interface BundleSummary {
  code: string;
  name: string;
  version: number;
  batch: string | null;
  lifecycle: string;
  stage: string | null;
  leadDept: string;
  departments: string[];
  components: number;
  promisedTimeLimit: unknown;
}

interface BundleDetail {
  code: string;
  name: string;
  version: number;
  batch?: string;
  lifecycle: string;
  stage?: string;
  leadDept: string;
  coDepts?: string[];
  legalTimeLimit?: unknown;
  promisedTimeLimit?: unknown;
  deliveryMode?: string[];
  sharedMaterials?: Array<{ name: string; usedBy: string[] }>;
  departmentNames?: Record<string, string>;
  processId: string;
  componentMatters: Array<{ matterCode: string; matterName: string; department: string | null; departmentName?: string | null; optional: boolean; condition: string | null; dependsOn: string[]; legalTimeLimit: unknown; promisedTimeLimit: unknown }>;
}

/** 一件事: the bundles of the catalog, each with its component matters, departments and order. */
export async function renderPage(root: HTMLElement, route: Route): Promise<void> {
  if (route.params[0]) return renderBundle(root, route.params[0]);
  let bundles: BundleSummary[];
  try {
    bundles = (await api<{ items: BundleSummary[] }>('/catalog/bundles')).items;
  } catch (error) {
    root.append(h('p', { class: 'error-text' }, error instanceof ApiProblem ? error.describe() : String(error)));
    return;
  }
  append(root, [
    h('div', { class: 'card', id: 'bundle-list' },
      h('h2', {}, t('One-stop services (一件事)')),
      bundles.length
        ? h('table', { class: 'list' },
            h('thead', {}, h('tr', {}, [t('Name'), t('Batch'), t('Life cycle'), t('Lead department'), t('Departments'), t('Number of matters'), t('Promised limit')].map((label) => h('th', {}, label)))),
            h('tbody', {}, bundles.map((bundle) =>
              h('tr', { class: 'clickable', 'data-bundle-code': bundle.code, onclick: () => navigate(`/bundles/${bundle.code}`) },
                h('td', {}, bundle.name),
                h('td', {}, bundle.batch ?? ''),
                h('td', {}, [bundle.lifecycle, bundle.stage].filter(Boolean).join(' › ')),
                h('td', {}, bundle.leadDept),
                h('td', {}, bundle.departments.join('、')),
                h('td', {}, String(bundle.components)),
                h('td', {}, formatDuration(bundle.promisedTimeLimit)),
              ))))
        : h('p', { class: 'empty' }, t('No bundles yet')),
    ),
  ]);
}

async function renderBundle(root: HTMLElement, code: string): Promise<void> {
  let bundle: BundleDetail | null;
  try {
    bundle = await api<BundleDetail | null>(`/catalog/bundles/${encodeURIComponent(code)}`, { allowNotFound: true });
  } catch (error) {
    root.append(h('p', { class: 'error-text' }, error instanceof ApiProblem ? error.describe() : String(error)));
    return;
  }
  if (!bundle) {
    root.append(h('p', { class: 'empty' }, t('Bundle {code} was not found', { code })), h('a', { href: '#/bundles' }, t('Back to the bundles')));
    return;
  }
  const names = new Map(bundle.componentMatters.map((component) => [component.matterCode, component.matterName]));
  const departmentName = (code: string) => bundle.departmentNames?.[code] ?? code;
  append(root, [
    h('p', {}, h('a', { href: '#/bundles' }, `← ${t('Back to the bundles')}`)),
    h('div', { class: 'card', id: 'bundle-detail' },
      h('h2', {}, `${bundle.name}（${bundle.code}）`),
      h('p', {}, h('a', { href: `#/modeler?bundle=${encodeURIComponent(bundle.code)}&processId=${encodeURIComponent(bundle.processId)}`, id: 'open-bundle-flow' }, t('Open the cross-department flow in the modeler'))),
      h('div', { class: 'task-detail' }, h('dl', {},
        h('dt', {}, t('Lead department')), h('dd', {}, departmentName(bundle.leadDept)),
        h('dt', {}, t('Cooperating departments')), h('dd', {}, (bundle.coDepts ?? []).map(departmentName).join('、') || '—'),
        h('dt', {}, t('Batch')), h('dd', {}, bundle.batch ?? '—'),
        h('dt', {}, t('Statutory limit')), h('dd', {}, formatDuration(bundle.legalTimeLimit) || '—'),
        h('dt', {}, t('Promised limit')), h('dd', {}, formatDuration(bundle.promisedTimeLimit) || '—'),
        h('dt', {}, t('Delivery')), h('dd', {}, (bundle.deliveryMode ?? []).join('、') || '—'),
      )),
    ),
    h('div', { class: 'card', id: 'bundle-components' },
      h('h3', {}, t('Component matters')),
      h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, [t('Matter'), t('Department'), t('Optional'), t('After'), t('Statutory limit'), t('Promised limit')].map((label) => h('th', {}, label)))),
        h('tbody', {}, bundle.componentMatters.map((component) =>
          h('tr', { 'data-matter-code': component.matterCode },
            h('td', {}, h('a', { href: `#/catalog/${encodeURIComponent(component.matterCode)}` }, component.matterName)),
            h('td', { 'data-department': component.department ?? '' }, component.departmentName ?? component.department ?? ''),
            h('td', {}, component.optional ? `${t('Yes')}${component.condition ? `（${component.condition}）` : ''}` : t('No')),
            h('td', {}, component.dependsOn.map((code) => names.get(code) ?? code).join('、')),
            h('td', {}, formatDuration(component.legalTimeLimit)),
            h('td', {}, formatDuration(component.promisedTimeLimit)),
          )))),
    ),
    bundle.sharedMaterials?.length
      ? h('div', { class: 'card' }, h('h3', {}, t('Materials asked once')),
          h('ul', {}, bundle.sharedMaterials.map((material) => h('li', {}, `${material.name}：${material.usedBy.map((code) => names.get(code) ?? code).join('、')}`))))
      : null,
    hasRole('staff', 'integrator') ? applicationForm(bundle) : null,
  ]);
}

/** 一次申请 at the window: the applicant, and which optional matters they need; the case opens in the monitor. */
function applicationForm(bundle: BundleDetail): HTMLElement {
  const applicant = h('input', { id: 'bundle-applicant', required: true, placeholder: t('Applicant (person or enterprise)') });
  // The applicant's town or village: each matter then goes to its unit there.
  const region = h('input', { id: 'bundle-region', placeholder: t('Region code, e.g. 441900003') });
  const optional = bundle.componentMatters.filter((component) => component.optional);
  const boxes = optional.map((component) => h('input', { type: 'checkbox', value: component.matterCode, 'data-matter-code': component.matterCode }));
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!applicant.value.trim()) {
      notify(t('Enter the applicant'), 'error');
      return;
    }
    try {
      const started = await api<{ instance: { id: string } }>(`/bundles/${encodeURIComponent(bundle.code)}/cases`, {
        body: {
          applicant: { name: applicant.value.trim() },
          ...(region.value.trim() ? { regionCode: region.value.trim() } : {}),
          selectedMatters: boxes.filter((box) => box.checked).map((box) => box.value),
        },
      });
      notify(t('The 一件事 application was accepted'), 'success');
      navigate(`/monitor/${started.instance.id}`);
    } catch (error) {
      notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
    }
  };
  return h('form', { class: 'card', id: 'bundle-application', onsubmit: (event: Event) => void submit(event) },
    h('h3', {}, t('Accept an application (一次申请)')),
    h('div', { class: 'form-grid' },
      h('label', {}, t('Applicant'), applicant),
      h('label', {}, t('Region (optional)'), region),
      optional.map((component, index) => h('label', { class: 'checkbox' }, boxes[index], `${component.matterName}${component.condition ? `（${component.condition}）` : ''}`)),
    ),
    h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'primary', id: 'submit-bundle-application' }, t('Submit'))),
  );
}
