import { parseExpression } from 'feelin';
import { CAMUNDA_FUNCTIONS, FEEL_PARSE_CONTEXT, isFeelinBuiltin, UNPROVIDED_CAMUNDA_FUNCTIONS } from './camunda-functions.js';
import { BUDGET_NAMES } from './feel-budget.js';

/** What feelin's parser gives back: a lezer tree, walked with a cursor. */
export type FeelTree = ReturnType<typeof parseExpression>;

export interface FeelSyntaxProblem {
  message: string;
  messageZh: string;
  position: number;
}

/**
 * Checks an expression by parsing it, never by evaluating it: a deployment must not run the
 * model's loops (`for i in 1..3000000` took seconds at deploy when the check evaluated).
 *
 * Besides lezer's error nodes, one shape is refused that feelin's grammar accepts but cannot
 * evaluate: a unary test such as `> 3` used as a value (`a >> 3`, `a < < 2`). FEEL allows it only
 * after `in` (`x in > 3`); anywhere else feelin throws at run time, so it is a syntax error here.
 */
export function checkFeelSyntax(expression: string): { ok: true; tree: FeelTree; calls: FunctionCall[] } | ({ ok: false } & FeelSyntaxProblem) {
  const tree = parseExpression(expression, FEEL_PARSE_CONTEXT, undefined);
  let found: FeelSyntaxProblem | undefined;
  tree.iterate({
    enter(node) {
      if (found) return false;
      if (node.type.isError) {
        const text = expression.slice(node.from, node.to).trim();
        found = text
          ? { message: `Invalid FEEL: unexpected '${text}' at position ${node.from}`, messageZh: `FEEL 表达式语法错误：位置 ${node.from} 处的“${text}”无法识别`, position: node.from }
          : { message: `Invalid FEEL: the expression is incomplete at position ${node.from}`, messageZh: `FEEL 表达式语法错误：位置 ${node.from} 处表达式不完整`, position: node.from };
        return false;
      }
      if (node.name === 'SimplePositiveUnaryTest' && node.node.firstChild?.name === 'CompareOp' && node.node.parent?.name !== 'PositiveUnaryTest') {
        const operator = expression.slice(node.from, node.node.firstChild.to);
        found = {
          message: `Invalid FEEL: '${operator}' at position ${node.from} needs a value on its left (a test like '> 3' is allowed only after 'in')`,
          messageZh: `FEEL 表达式语法错误：位置 ${node.from} 处的“${operator}”左边缺少值（“> 3”这样的判断只能写在 in 之后）`,
          position: node.from,
        };
        return false;
      }
      return undefined;
    },
  });
  if (found) return { ok: false, ...found };
  // The calls are walked once here; compileFeel reads them again for the functions to give the expression.
  const { calls, bound } = functionCalls(expression, tree);
  const unknown = unknownFunction(calls, bound);
  return unknown ? { ok: false, ...unknown } : { ok: true, tree, calls };
}

/** A function called by name in an expression, where its name starts. */
export interface FunctionCall {
  name: string;
  position: number;
}

/**
 * The functions an expression calls by name (`count(items)`, `is defined(x)`), names normalized
 * to single spaces as feelin looks them up, and the names the expression binds itself: context
 * entry keys (`{f: function(a) a + 1, r: f(2)}`), function parameters and `for`/`some`/`every`
 * variables. A call through a path (`{f: …}.f(1)`, `a.b(1)`) or of a call's result is not by name.
 */
export function functionCalls(expression: string, tree: FeelTree): { calls: FunctionCall[]; bound: Set<string> } {
  const calls: FunctionCall[] = [];
  const bound = new Set<string>();
  const text = (from: number, to: number) => expression.slice(from, to).trim().replace(/\s+/g, ' ');
  tree.iterate({
    enter(ref) {
      const node = ref.node;
      if (ref.name === 'FunctionInvocation') {
        const callee = node.firstChild;
        if (callee?.name === 'VariableName') calls.push({ name: text(callee.from, callee.to), position: callee.from });
      } else if (ref.name === 'Key' || ref.name === 'ParameterName' || (ref.name === 'Name' && node.parent?.name === 'InExpression')) {
        // a key may be written as a string literal: {"f": function(a) a}
        bound.add(text(ref.from, ref.to).replace(/^"(.*)"$/, '$1'));
      }
      return undefined;
    },
  });
  return { calls, bound };
}

/**
 * A call of a function that exists nowhere is refused when the model is deployed, not found by
 * the first instance that evaluates it. A name is known if it is a feelin built-in, one of the
 * Camunda extension functions this engine provides (camunda-functions.ts), one the engine itself
 * passes (the budget's), or bound in the expression itself. Variables are not looked at: a
 * process variable is JSON and can never hold a function, so calling one always fails.
 */
function unknownFunction(calls: readonly FunctionCall[], bound: ReadonlySet<string>): FeelSyntaxProblem | undefined {
  for (const { name, position } of calls) {
    if (bound.has(name) || Object.prototype.hasOwnProperty.call(CAMUNDA_FUNCTIONS, name) || BUDGET_NAMES.has(name) || isFeelinBuiltin(name)) continue;
    const unprovided = UNPROVIDED_CAMUNDA_FUNCTIONS.get(name);
    if (unprovided) {
      return {
        message: `Invalid FEEL: the Camunda function '${name}' at position ${position} is not provided by this engine: ${unprovided.reason}`,
        messageZh: `FEEL 表达式错误：位置 ${position} 处的 Camunda 函数“${name}”本引擎不支持：${unprovided.reasonZh}`,
        position,
      };
    }
    return {
      message: `Invalid FEEL: there is no function '${name}' (called at position ${position}): it is neither a FEEL built-in, nor a Camunda extension function this engine provides, nor defined in the expression`,
      messageZh: `FEEL 表达式错误：位置 ${position} 处调用的函数“${name}”不存在：它既不是 FEEL 内置函数，也不是本引擎支持的 Camunda 扩展函数，也未在表达式中定义`,
      position,
    };
  }
  return undefined;
}
