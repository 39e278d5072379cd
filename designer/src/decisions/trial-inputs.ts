import type { DmnInput } from './dmn-input.js';

/** One field of the 试算 panel: a variable the table reads, asked for by the column's label. */
export interface TrialField {
  /** Dotted path of the variable, e.g. `applicant.age`. */
  path: string;
  label: string;
  type: 'boolean' | 'number' | 'string' | 'text';
  /** Choices when the column lists its values (`"A","B"`). */
  options?: string[];
  /** The input expression, when the field stands for one variable of a larger expression. */
  expression?: string;
}

const FEEL_WORDS = new Set(['and', 'or', 'not', 'true', 'false', 'null', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every', 'satisfies', 'between', 'instance', 'of', 'function', 'date', 'time', 'duration', 'string', 'number', 'today', 'now', 'abs', 'floor', 'ceiling', 'count', 'sum', 'min', 'max', 'contains', 'upper', 'lower', 'substring', 'length']);
const PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

function fieldType(typeRef: string | undefined): TrialField['type'] {
  if (typeRef === 'boolean' || typeRef === 'number' || typeRef === 'string') return typeRef;
  return 'text';
}

/** `"个体","企业"` → ['个体', '企业']; anything else (ranges, expressions) offers no choices. */
function listedStrings(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  const parts = text.split(',').map((part) => part.trim());
  if (!parts.every((part) => /^"[^"]*"$/.test(part))) return undefined;
  return parts.map((part) => part.slice(1, -1));
}

/**
 * The fields for a table's inputs: a column whose expression is a variable path is one field
 * labelled like the column; a computed column (`amount * rate`) asks for each variable it names.
 */
export function trialFields(inputs: DmnInput[]): TrialField[] {
  const fields = new Map<string, TrialField>();
  for (const input of inputs) {
    const expression = (input.inputExpression?.text ?? '').trim();
    const label = input.label?.trim() || expression;
    const type = fieldType(input.inputExpression?.typeRef);
    if (PATH.test(expression)) {
      if (!fields.has(expression)) fields.set(expression, { path: expression, label, type, options: listedStrings(input.inputValues?.text) });
      continue;
    }
    const withoutStrings = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    // Names followed by '(' are function calls, not variables.
    for (const name of withoutStrings.match(/[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*(?!\s*\(|[\w$.])/g) ?? []) {
      if (FEEL_WORDS.has(name.split('.')[0]) || fields.has(name)) continue;
      fields.set(name, { path: name, label: `${label} · ${name}`, type: 'text', expression });
    }
  }
  return [...fields.values()];
}

/** Turns what was typed into a value of the field's type; '' means "not given". */
export function fieldValue(field: TrialField, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  if (field.type === 'boolean') return text === 'true';
  if (field.type === 'number') return Number(text);
  if (field.type === 'string') return raw;
  // No type: a number or a yes/no when it reads as one, else the text.
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return raw;
}

/** Builds the variables object (nested along the dotted paths) from the given values. */
export function trialVariables(values: { path: string; value: unknown }[]): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const { path, value } of values) {
    if (value === undefined) continue;
    const parts = path.split('.');
    let target = variables;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      target = (target[part] = typeof next === 'object' && next !== null ? next : {}) as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = value;
  }
  return variables;
}
