import type { ProblemError } from '../api/types.js';
import { pickLanguage } from '../i18n/index.js';

interface Canvas {
  addMarker(element: unknown, marker: string): void;
  removeMarker(element: unknown, marker: string): void;
}
interface Overlays {
  add(element: unknown, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}
interface DiagramServices {
  get(name: 'canvas'): Canvas;
  get(name: 'overlays'): Overlays;
  get(name: 'elementRegistry'): ElementRegistry;
}

const MARKER = 'deploy-error-marker';
const OVERLAY_TYPE = 'deploy-error';

/** Shows the server's problem+json errors on the elements they name (red marker + message). */
export class DeployProblems {
  private marked: unknown[] = [];
  constructor(private readonly diagram: DiagramServices) {}

  show(errors: ProblemError[]): { onDiagram: number; elsewhere: ProblemError[] } {
    this.clear();
    const canvas = this.diagram.get('canvas');
    const overlays = this.diagram.get('overlays');
    const registry = this.diagram.get('elementRegistry');
    const elsewhere: ProblemError[] = [];
    let onDiagram = 0;
    const messagesByElement = new Map<string, string[]>();
    for (const error of errors) {
      const element = error.elementId ? registry.get(error.elementId) : undefined;
      if (!element || !error.elementId) {
        elsewhere.push(error);
        continue;
      }
      const list = messagesByElement.get(error.elementId) ?? [];
      list.push(pickLanguage(error.message, error.messageZh));
      messagesByElement.set(error.elementId, list);
    }
    for (const [elementId, messages] of messagesByElement) {
      const element = registry.get(elementId);
      canvas.addMarker(element, MARKER);
      this.marked.push(element);
      const html = document.createElement('div');
      html.className = 'deploy-error-overlay';
      html.dataset.elementId = elementId;
      html.textContent = messages.join('；');
      overlays.add(element, OVERLAY_TYPE, { position: { bottom: -6, left: 0 }, html });
      onDiagram += messages.length;
    }
    return { onDiagram, elsewhere };
  }

  clear(): void {
    const canvas = this.diagram.get('canvas');
    for (const element of this.marked) canvas.removeMarker(element, MARKER);
    this.marked = [];
    this.diagram.get('overlays').remove({ type: OVERLAY_TYPE });
  }
}
