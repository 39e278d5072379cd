export { compileDeployment, type CompileOptions, type CompileResult } from './compile-deployment.js';
export { decodeXml } from './xml-encoding.js';
export type { ModelProblem } from './problem.js';
export type {
  AdHocDefinition,
  CalledElementDefinition,
  ElementKind,
  EventDefinition,
  ExecutionListener,
  ExecutionListeners,
  FlowNode,
  GovAttributes,
  JobDefinition,
  MultiInstanceDefinition,
  ProcessModel,
  ScopeModel,
  ScriptDefinition,
  SequenceFlow,
  StandardLoopDefinition,
  TimerDefinition,
  UserTaskDefinition,
  ValueSource,
  VariableMapping,
} from './process-model.js';
export { addIsoDuration, isNegativeDuration, isZeroDuration, parseIsoCycle, parseIsoDateTime, parseIsoDuration, timerValueProblem, type IsoCycle, type IsoDuration } from './timer-values.js';
