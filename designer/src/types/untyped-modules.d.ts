/* Declarations for the bpmn-io packages that ship no types; only what the designer uses. */
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: Record<string, unknown>;
  export const BpmnPropertiesProviderModule: Record<string, unknown>;
  export const ZeebePropertiesProviderModule: Record<string, unknown>;
  export function useService<T = unknown>(name: string, strict?: boolean): T;
}

declare module '@bpmn-io/properties-panel' {
  export type Component = (props: Record<string, unknown>) => unknown;
  export const TextFieldEntry: Component;
  export const SelectEntry: Component;
  export const Group: Component;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
}

declare module '@bpmn-io/properties-panel/preact' {
  export function h(type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): unknown;
}

declare module '@bpmn-io/properties-panel/preact/hooks' {
  export function useState<T>(initial: T): [T, (value: T) => void];
  export function useEffect(effect: () => void | (() => void), deps?: unknown[]): void;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const module: Record<string, unknown>;
  export default module;
}

declare module 'bpmn-js-bpmnlint' {
  const module: Record<string, unknown>;
  export default module;
}

declare module 'zeebe-bpmn-moddle/resources/zeebe.json' {
  const descriptor: object;
  export default descriptor;
}

declare module 'bpmnlint/rules/*' {
  import type { LintRuleFactory } from '../modeler/lint/lint-types.js';
  const rule: LintRuleFactory;
  export default rule;
}

declare module 'dmn-js/lib/Modeler' {
  const DmnModeler: new (options: Record<string, unknown>) => unknown;
  export default DmnModeler;
}
