/**
 * What the Matterflow engine executes today, mirrored from engine/model/compile-process.ts.
 * The server remains the judge at deploy time; this table lets the designer flag the rest
 * while the user draws. Grow it together with the engine.
 */
export const EXECUTABLE_FLOW_NODES = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:Task',
  'bpmn:ManualTask',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
]);

/** Drawn and stored, never executed. */
export const INERT_ELEMENTS = new Set([
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
]);

/** Event definitions the engine executes, per event type (none yet in the first slice). */
export const EXECUTABLE_EVENT_DEFINITIONS: Record<string, Set<string>> = {};

export const LOOPS_EXECUTABLE = false;
