import { parseExpression } from 'feelin';

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
export function checkFeelSyntax(expression: string): { ok: true; tree: FeelTree } | ({ ok: false } & FeelSyntaxProblem) {
  const tree = parseExpression(expression, {}, undefined);
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
  return found ? { ok: false, ...found } : { ok: true, tree };
}
