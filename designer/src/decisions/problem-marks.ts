import type { ProblemError } from '../api/types.js';
import type { DmnEditor } from './create-dmn-modeler.js';

const STYLE_ID = 'decision-problem-marks';

/**
 * Marks in red the rules and cells a refused deployment names. dmn-js re-renders its table
 * on every change, so the marks are a stylesheet keyed by rule and column ids, not classes.
 * The API names the decision (elementId), the rule (ruleIndex) and the column by its label in
 * the message; the column is found by that label.
 */
export function markProblems(editor: DmnEditor, problems: ProblemError[]): void {
  document.getElementById(STYLE_ID)?.remove();
  const rules: string[] = [];
  const cells: string[] = [];
  const decisions = editor.getDefinitions()?.drgElement ?? [];
  for (const problem of problems) {
    if (!problem.elementId || !problem.ruleIndex) continue;
    const table = decisions.find((decision) => decision.id === problem.elementId)?.decisionLogic;
    const rule = table?.rule?.[problem.ruleIndex - 1];
    if (!table || !rule) continue;
    rules.push(`td[data-row-id="${CSS.escape(rule.id)}"]`);
    const columns = [
      ...(table.input ?? []).map((input, index) => ({ id: input.id, names: [input.label, input.inputExpression?.text, `#${index + 1}`], kind: 'input' })),
      ...(table.output ?? []).map((output, index) => ({ id: output.id, names: [output.label, output.name, `#${index + 1}`], kind: 'output' })),
    ];
    for (const column of columns) {
      const named = column.names.some((name) => name && problem.message.includes(`${column.kind} '${name}'`));
      if (named) cells.push(`td[data-row-id="${CSS.escape(rule.id)}"][data-col-id="${CSS.escape(column.id)}"]`);
    }
  }
  if (!rules.length) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = [
    `${rules.join(', ')} { background: #fde4e2 !important; }`,
    cells.length ? `${cells.join(', ')} { outline: 2px solid #c62828; outline-offset: -2px; background: #f9c5c0 !important; }` : '',
  ].join('\n');
  document.head.append(style);
}
