import { parseExpression } from 'feelin';
import { FEEL_PARSE_CONTEXT } from './camunda-functions.js';

/**
 * The variables a FEEL expression reads from its context, found by parsing it with feelin (never
 * by evaluating it). Conservative: a name is reported only when it is surely free, so names in a
 * filter (`orders[amount > 5]` reads the items' own `amount`), a context literal or a function
 * definition are left out, as are the names `for`/`some`/`every` bind and a function's own name.
 * A path `applicant.name` reads the variable `applicant`.
 */
export function freeVariableNames(source: string): string[] {
  const expression = source.startsWith('=') ? source.slice(1) : source;
  const cached = CACHE.get(expression);
  if (cached) return cached;
  const names = new Set<string>();
  const bound: string[] = [];
  /** Where a filter's condition starts: its names may be the items' own. */
  const filters: Array<[number, number]> = [];
  try {
    parseExpression(expression, FEEL_PARSE_CONTEXT, undefined).iterate({
      enter(node) {
        if (OPAQUE.has(node.name)) return false;
        if (node.name === 'FilterExpression') {
          const list = node.node.firstChild;
          if (list) filters.push([list.to, node.to]);
        }
        if (filters.some(([from, to]) => node.from >= from && node.to <= to)) return false;
        if (node.name === 'InExpression') {
          const name = node.node.getChild('Name');
          if (name) bound.push(expression.slice(name.from, name.to));
        }
        if (node.name !== 'VariableName') return undefined;
        const parent = node.node.parent;
        // `count(items)`: `count` names a function, not a variable.
        if (parent?.name === 'FunctionInvocation' && parent.firstChild?.from === node.from) return false;
        const name = expression.slice(node.from, node.to);
        if (!bound.includes(name)) names.add(name);
        return false;
      },
    });
  } catch {
    return [];
  }
  const found = [...names];
  if (CACHE.size > 5000) CACHE.clear();
  CACHE.set(expression, found);
  return found;
}

/** Parts of an expression with names of their own: what they read is not known without evaluating. */
const OPAQUE = new Set(['Context', 'FunctionDefinition']);

const CACHE = new Map<string, string[]>();
