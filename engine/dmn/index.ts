export { compileDmn, type CompiledDmn, type DmnProblem } from './compile-dmn.js';
export { evaluateDecision } from './evaluate-decision.js';
export type { DecisionGraph, DecisionNode, DecisionOutcome, EvaluatedDecision, HitPolicy } from './decision-model.js';
export { compileUnaryTests } from './unary-tests.js';
