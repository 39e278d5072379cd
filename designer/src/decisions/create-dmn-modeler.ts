import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn.css';
import DmnModeler from 'dmn-js/lib/Modeler';
import { dmnTranslateModule } from './dmn-translate-module.js';
import type { DmnInput } from './dmn-input.js';

/** One view dmn-js offers for a file: the DRD (the definitions) or one decision's table / literal expression. */
export interface DmnView {
  type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression';
  element: { id: string; name?: string; $type: string };
}

/** The part of dmn-js's Modeler the decisions page uses (dmn-js ships no types). */
export interface DmnEditor {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
  getViews(): DmnView[];
  getActiveView(): DmnView | undefined;
  getActiveViewer(): { get(name: string): unknown } | undefined;
  getDefinitions(): DmnDefinitions | undefined;
  open(view: DmnView): Promise<unknown>;
  on(event: string, callback: (event: unknown) => void): void;
  destroy(): void;
}

/** The dmn-moddle shapes the page reads (decision tables, inputs, rules). */
export interface DmnDefinitions {
  id: string;
  name?: string;
  drgElement?: DmnDecision[];
}
export interface DmnDecision {
  $type: string;
  id: string;
  name?: string;
  decisionLogic?: { $type: string; hitPolicy?: string; input?: DmnInput[]; output?: DmnOutput[]; rule?: DmnRule[]; text?: string };
  informationRequirement?: { requiredDecision?: { href?: string } }[];
  variable?: { name?: string };
}
export type { DmnInput };
export interface DmnOutput {
  id: string;
  label?: string;
  name?: string;
  typeRef?: string;
}
export interface DmnRule {
  id: string;
  description?: string;
}

/** dmn-js Modeler with Chinese labels; loaded on the 决策表 page only (it is about as big as bpmn-js). */
export function createDmnEditor(container: HTMLElement): DmnEditor {
  // Each view takes its own additionalModules (dmn-js replaces, not merges, those of `common`).
  const view = () => ({ additionalModules: [dmnTranslateModule] });
  return new DmnModeler({ container, drd: view(), decisionTable: view(), literalExpression: view(), boxedExpression: view() }) as unknown as DmnEditor;
}
