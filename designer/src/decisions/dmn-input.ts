/** An input column of a decision table as dmn-js holds it (kept apart from the editor, so pure code and tests can use it). */
export interface DmnInput {
  id: string;
  label?: string;
  inputExpression?: { typeRef?: string; text?: string };
  inputValues?: { text?: string };
}
