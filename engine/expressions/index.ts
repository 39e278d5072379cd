export { compileFeel, isFeelSyntaxProblem, type FeelExpression, type FeelResult, type FeelSyntaxProblem } from './feel.js';
