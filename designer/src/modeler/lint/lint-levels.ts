/**
 * The level of every rule the designer's checker runs: bpmnlint's recommended rules (from
 * bpmnlint/config/recommended.js) and Matterflow's. Kept apart from packed-config.ts so that a
 * test can lint with the same levels in Node, loading the rules its own way.
 */
export type Level = 'error' | 'warn' | 'off';

export const RECOMMENDED_LEVELS: Record<string, Level> = {
  'ad-hoc-sub-process': 'error',
  'conditional-flows': 'error',
  'end-event-required': 'error',
  'event-based-gateway': 'error',
  'event-sub-process-typed-start-event': 'error',
  'fake-join': 'warn',
  global: 'warn',
  // A task without a name is legal and common while drawing; warn, do not block.
  'label-required': 'warn',
  'link-event': 'error',
  'no-bpmndi': 'error',
  'no-complex-gateway': 'error',
  'no-disconnected': 'error',
  'no-duplicate-sequence-flows': 'error',
  'no-gateway-join-fork': 'error',
  'no-implicit-split': 'error',
  'no-implicit-end': 'error',
  'no-implicit-start': 'error',
  'no-inclusive-gateway': 'warn',
  'no-overlapping-elements': 'warn',
  'single-blank-start-event': 'error',
  'single-event-definition': 'error',
  'start-event-required': 'error',
  'sub-process-blank-start-event': 'error',
  'superfluous-gateway': 'warn',
  'superfluous-label': 'warn',
  'superfluous-termination': 'warn',
};

export const MATTERFLOW_LEVELS: Record<string, Level> = {
  // The engine runs such a task (in the department that started the case): warn, do not block.
  'user-task-department': 'warn',
  'engine-executable': 'error',
};
