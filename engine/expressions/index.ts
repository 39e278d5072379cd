export { brokenFeel, compileFeel, isFeelSyntaxProblem, type FeelExpression, type FeelResult, type FeelSyntaxProblem } from './feel.js';
export { FEEL_COMMAND_BUDGET, FEEL_COST_BUDGET, FeelBudget } from './feel-budget.js';
