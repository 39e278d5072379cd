import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json';
import govDescriptor from '../../../engine/model/gov-moddle.json';
import type { HistoryEvent, ProcessInstance } from '../api/types.js';
import { h } from '../app/dom.js';
import { t } from '../i18n/index.js';

interface Canvas {
  addMarker(element: string, marker: string): void;
  zoom(level: string): void;
}
interface Overlays {
  add(element: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
}
interface ElementRegistry {
  get(id: string): unknown;
}

/** Element ids the case has passed through: completed elements and taken sequence flows. */
export function takenPath(history: HistoryEvent[]): Set<string> {
  const taken = new Set<string>();
  for (const event of history) {
    if (!event.elementId) continue;
    if (event.type === 'sequenceFlow.taken' || event.type === 'element.completed' || event.type === 'userTask.completed') taken.add(event.elementId);
  }
  return taken;
}

/** The case's diagram with where the tokens are, the path taken and incidents. */
export async function renderCaseDiagram(container: HTMLElement, xml: string, instance: ProcessInstance, history: HistoryEvent[]): Promise<NavigatedViewer> {
  const viewer = new NavigatedViewer({ container, moddleExtensions: { zeebe: zeebeDescriptor, gov: govDescriptor } });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas') as Canvas;
  const overlays = viewer.get('overlays') as Overlays;
  const registry = viewer.get('elementRegistry') as ElementRegistry;
  canvas.zoom('fit-viewport');
  const present = (id: string) => !!registry.get(id);

  for (const id of takenPath(history)) if (present(id)) canvas.addMarker(id, 'path-taken');

  const tokens = new Map<string, number>();
  for (const active of instance.activeElements ?? []) tokens.set(active.elementId, (tokens.get(active.elementId) ?? 0) + 1);
  for (const [id, count] of tokens) {
    if (!present(id)) continue;
    canvas.addMarker(id, 'path-active');
    overlays.add(id, { position: { top: -12, right: 12 }, html: h('span', { class: 'token-overlay', title: t('Active tokens') }, String(count)) });
  }

  const incidentIds = new Set<string>([
    ...(instance.incidents ?? []).map((incident) => incident.elementId),
    ...history.filter((event) => event.type === 'incident.created' && event.elementId).map((event) => event.elementId!),
  ]);
  const resolved = new Set(history.filter((event) => event.type === 'incident.resolved' && event.elementId).map((event) => event.elementId!));
  for (const id of incidentIds) {
    if (!present(id) || (resolved.has(id) && !(instance.incidents ?? []).some((incident) => incident.elementId === id))) continue;
    canvas.addMarker(id, 'path-incident');
    overlays.add(id, { position: { bottom: 10, left: -10 }, html: h('span', { class: 'incident-overlay' }, t('Incident')) });
  }
  return viewer;
}
