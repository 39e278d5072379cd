export { compileDeployment, type CompileResult } from './compile-deployment.js';
export type { ModelProblem } from './problem.js';
export type { ElementKind, FlowNode, GovAttributes, JobDefinition, ProcessModel, SequenceFlow, UserTaskDefinition, ValueSource } from './process-model.js';
