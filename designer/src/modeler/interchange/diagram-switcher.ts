import { h } from '../../app/dom.js';
import { notify } from '../../app/notify.js';
import { t } from '../../i18n/index.js';

interface Diagram {
  id: string;
  name?: string;
  plane?: { bpmnElement?: { $type: string; name?: string; $instanceOf?(type: string): boolean } };
}

interface OpensDiagrams {
  getDefinitions(): { diagrams?: Diagram[] } | undefined;
  open(diagramId: string): Promise<{ warnings: unknown[] }>;
}

/**
 * A file from another tool may hold several diagrams (BPMNDiagram), e.g. one per pool or per
 * department; bpmn-js shows one at a time. This select lists them by name and opens the chosen
 * one (bpmn-js `open(diagramId)`); the others stay in the model untouched. Hidden for one diagram.
 * Diagrams of a collapsed sub-process are not listed: bpmn-js opens those by drilling down.
 */
export class DiagramSwitcher {
  readonly element: HTMLLabelElement;
  private readonly select: HTMLSelectElement;
  private current: string | undefined;

  constructor(private readonly modeler: OpensDiagrams, private readonly opened: () => void) {
    this.select = h('select', { id: 'diagram-switcher', onchange: () => void this.switchTo(this.select.value) });
    this.element = h('label', { class: 'diagram-switcher', hidden: true }, `${t('Diagram of the file')} `, this.select);
  }

  private diagrams(): Diagram[] {
    return (this.modeler.getDefinitions()?.diagrams ?? []).filter((diagram) => !diagram.plane?.bpmnElement?.$instanceOf?.('bpmn:SubProcess'));
  }

  /** After an import: list the file's diagrams; the first is the one bpmn-js opened. */
  refresh(): void {
    const diagrams = this.diagrams();
    this.current = diagrams[0]?.id;
    this.select.replaceChildren(
      ...diagrams.map((diagram, index) => {
        const name = diagram.name?.trim() || diagram.plane?.bpmnElement?.name?.trim() || t('Diagram {number}', { number: index + 1 });
        return h('option', { value: diagram.id, selected: diagram.id === this.current }, name.replace(/\s+/g, ' '));
      }),
    );
    this.element.hidden = diagrams.length < 2;
    this.element.title = t('This file has {count} diagrams; choose which one to show', { count: diagrams.length });
  }

  async switchTo(diagramId: string): Promise<void> {
    if (diagramId === this.current) return;
    try {
      await this.modeler.open(diagramId);
      this.current = diagramId;
      this.opened();
    } catch (error) {
      notify(`${t('The diagram could not be opened')}: ${(error as Error).message}`, 'error');
      this.select.value = this.current ?? '';
    }
  }
}
