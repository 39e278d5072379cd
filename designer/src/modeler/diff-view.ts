import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json';
import govDescriptor from '../../../engine/model/gov-moddle.json';
import { h } from '../app/dom.js';
import { t } from '../i18n/index.js';
import { fitDiagram } from './fit-diagram.js';
import type { Aspect, ChangeKind, ElementChange } from './version-diff.js';

/** Words for what changed; extensions by what they mean to a designer, not by their XML name. */
const ASPECT_WORDS: Record<string, string> = {
  type: 'type',
  name: 'name',
  source: 'source',
  target: 'target',
  condition: 'condition',
  default: 'default flow',
  documentation: 'documentation',
  event: 'event definition',
  loop: 'multi-instance',
  position: 'position on the diagram',
  attribute: 'other attributes',
  'extension:gov:Handling': 'handling department',
  'extension:gov:Sla': 'time limits',
  'extension:gov:Matter': 'bound matter',
  'extension:gov:Supervision': 'supervision',
  'extension:gov:Calendar': 'calendar',
  'extension:gov:Operations': 'case operations',
  'extension:zeebe:AssignmentDefinition': 'assignment',
  'extension:zeebe:TaskDefinition': 'job type',
  'extension:zeebe:TaskHeaders': 'job headers',
  'extension:zeebe:IoMapping': 'input/output mapping',
  'extension:zeebe:FormDefinition': 'form',
  'extension:zeebe:UserTask': 'user task settings',
  'extension:zeebe:TaskSchedule': 'due date',
  'extension:zeebe:PriorityDefinition': 'priority',
  'extension:zeebe:CalledDecision': 'called decision',
  'extension:zeebe:CalledElement': 'called process',
  'extension:zeebe:LoopCharacteristics': 'multi-instance',
  'extension:zeebe:VersionTag': 'version tag',
  'extension:zeebe:Properties': 'custom properties',
  'extension:zeebe:ExecutionListeners': 'execution listeners',
  'extension:zeebe:Script': 'script',
  'extension:zeebe:Subscription': 'correlation key',
};

const KIND_TITLES: Record<ChangeKind, string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

/** "User Task" for bpmn:UserTask: the key of bpmn-js's own type titles (translated there too). */
function typeTitle(type: string): string {
  return t(type.replace(/^bpmn:/, '').replace(/([a-z])([A-Z])/g, '$1 $2'));
}

function aspectWord(aspect: Aspect): string {
  const word = ASPECT_WORDS[aspect];
  return word ? t(word) : t('extension {type}', { type: aspect.replace(/^extension:/, '') });
}

/** One line of the list: the element by name and type, and for a change what changed. */
export function describeChange(change: ElementChange): string {
  const what = change.label ? `${change.label}（${typeTitle(change.type)}）` : typeTitle(change.type);
  return change.kind === 'changed' ? `${what}：${change.aspects.map(aspectWord).join('、')}` : what;
}

async function showVersion(pane: HTMLElement, xml: string, changes: ElementChange[], kinds: ChangeKind[]): Promise<NavigatedViewer> {
  const viewer = new NavigatedViewer({ container: pane, moddleExtensions: { zeebe: zeebeDescriptor, gov: govDescriptor } });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas') as Parameters<typeof fitDiagram>[0] & { addMarker(id: string, marker: string): void; getRootElement(): { id: string } };
  const registry = viewer.get('elementRegistry') as { get(id: string): unknown };
  // The process itself is the canvas's root: its change is in the list, a marker would colour the whole drawing's svg.
  const rootId = canvas.getRootElement().id;
  for (const change of changes) if (kinds.includes(change.kind) && change.id !== rootId && registry.get(change.id)) canvas.addMarker(change.id, `diff-${change.kind}`);
  fitDiagram(canvas, pane);
  return viewer;
}

/**
 * The two versions side by side, the older with what was removed (red) and changed (amber), the
 * newer with what was added (green) and changed; a legend, and the changes listed by name.
 * Returns a function that releases both viewers.
 */
export async function renderDiffView(target: HTMLElement, before: { title: string; xml: string }, after: { title: string; xml: string }, changes: ElementChange[]): Promise<() => void> {
  const beforePane = h('div', { class: 'diff-canvas', id: 'diff-before' });
  const afterPane = h('div', { class: 'diff-canvas', id: 'diff-after' });
  const legend = h(
    'p',
    { class: 'diff-legend' },
    (['added', 'removed', 'changed'] as ChangeKind[]).map((kind) => h('span', { class: `diff-swatch diff-swatch-${kind}` }, t(KIND_TITLES[kind]))),
  );
  const list = (['removed', 'changed', 'added'] as ChangeKind[]).map((kind) => {
    const items = changes.filter((change) => change.kind === kind);
    return h('div', { class: `diff-${kind}` }, h('strong', {}, `${t(KIND_TITLES[kind])}（${items.length}）`), items.length ? h('ul', {}, items.map((change) => h('li', { 'data-change': change.kind }, describeChange(change)))) : h('span', { class: 'muted' }, ' —'));
  });
  target.replaceChildren(
    changes.length ? legend : h('p', { class: 'muted', id: 'diff-none' }, t('The two versions are the same')),
    h('div', { class: 'diff-view' }, h('div', {}, h('h4', {}, before.title), beforePane), h('div', {}, h('h4', {}, after.title), afterPane)),
    h('div', { class: 'diff-list' }, list),
  );
  const viewers = await Promise.all([showVersion(beforePane, before.xml, changes, ['removed', 'changed']), showVersion(afterPane, after.xml, changes, ['added', 'changed'])]);
  target.dataset.diffReady = 'true';
  return () => viewers.forEach((viewer) => viewer.destroy());
}
