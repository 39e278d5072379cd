import type { FeelTree } from './feel-syntax.js';

/**
 * Cost budgets for FEEL (one per evaluation, one per command), so that a runaway expression (`for i in 1..3000000`, a recursive
 * function, a list doubled in a loop) fails fast instead of freezing the server. feelin has
 * no hook for this, so the expression is instrumented once, at compile time, on its parse tree:
 *
 * - every iteration domain (`for`, `some`, `every`) is charged by its size before feelin builds
 *   it: `i in a..b` becomes `i in __mf_span(a, b)..b`, `i in list` becomes `i in __mf_items(list)`;
 * - a filter `list[…]` is charged by the size of the list;
 * - every argument of a function call is charged by its size (lists, long texts);
 * - every call of a function defined in the expression is charged before its body runs.
 *
 * The charges are plain counts, so an expression gives the same answer on every replay. The
 * functions are identities: they return what they were given, and an expression without loops,
 * filters or calls is not touched.
 */
/** What one evaluation may spend. */
export const FEEL_COST_BUDGET = 20_000;
/** What one command may spend on all its evaluations (a model that evaluates in a loop). */
export const FEEL_COMMAND_BUDGET = 100_000;

export class FeelBudgetExceeded extends Error {
  constructor(readonly limit: number) {
    super(`FEEL evaluation exceeded its cost budget of ${limit} steps`);
  }
}

/** What one command, or one evaluation within it, may still spend on FEEL. */
export class FeelBudget {
  readonly limit: number;
  private remaining: number;

  constructor(
    limit = FEEL_COMMAND_BUDGET,
    private readonly within?: FeelBudget,
  ) {
    this.limit = limit;
    this.remaining = limit;
  }

  get exhausted(): boolean {
    return this.remaining < 0 || (this.within?.exhausted ?? false);
  }

  /** The budget of one evaluation: its own limit, and what it spends counts against this one too. */
  forEvaluation(): FeelBudget {
    return new FeelBudget(FEEL_COST_BUDGET, this);
  }

  charge(units: number): void {
    this.remaining -= units;
    this.within?.charge(units);
    if (this.remaining < 0) throw new FeelBudgetExceeded(this.limit);
  }
}

const ITEMS = '__mf_items';
const SPAN = '__mf_span';
const TICK = '__mf_tick';

export const BUDGET_NAMES: ReadonlySet<string> = new Set([ITEMS, SPAN, TICK]);

/** The instrumenting functions, charging `budget`; passed to feelin beside the variables. */
export function budgetFunctions(budget: FeelBudget): Record<string, (...args: unknown[]) => unknown> {
  return {
    [ITEMS]: (value) => {
      budget.charge(1 + sizeOf(value));
      return value;
    },
    [SPAN]: (from, to) => {
      budget.charge(1 + spanOf(from, to));
      return from;
    },
    [TICK]: () => {
      // A call of a function defined in the expression costs feelin tens of loop iterations (measured in bench/runaway.ts).
      budget.charge(25);
      return true;
    },
  };
}

function sizeOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  // A text costs by its length too: doubling one in a recursion must not exhaust the memory.
  if (typeof value === 'string') return Math.floor(value.length / 100);
  return 0;
}

function spanOf(from: unknown, to: unknown): number {
  if (typeof from !== 'number' || typeof to !== 'number') return 1;
  const span = Math.abs(to - from);
  return Number.isFinite(span) ? Math.floor(span) + 1 : Number.POSITIVE_INFINITY;
}

interface Edit {
  at: number;
  text: string;
  /** Ends sort before starts at one position; outer starts before inner ones, inner ends before outer ones. */
  order: number;
}

/**
 * The instrumented text of an expression, or undefined when it has nothing to charge (no
 * loop, filter or call): most conditions are plain comparisons and stay as written.
 */
export function instrumentFeel(expression: string, tree: FeelTree): string | undefined {
  const edits: Edit[] = [];
  const wrap = (from: number, to: number, before: string, after: string) => {
    edits.push({ at: from, text: before, order: 1_000_000_000 - (to - from) });
    edits.push({ at: to, text: after, order: to - from });
  };
  tree.iterate({
    enter(ref) {
      const node = ref.node;
      switch (ref.name) {
        case 'IterationContext': {
          const first = node.firstChild;
          if (!first) break;
          const dots = first.nextSibling;
          const last = dots?.nextSibling;
          if (dots && last && expression.slice(dots.from, dots.to) === '..') {
            wrap(first.from, first.to, `${SPAN}(`, `, ${expression.slice(last.from, last.to)})`);
          } else {
            wrap(first.from, first.to, `${ITEMS}(`, ')');
          }
          break;
        }
        case 'FilterExpression': {
          const first = node.firstChild;
          if (first) wrap(first.from, first.to, `${ITEMS}(`, ')');
          break;
        }
        case 'FunctionBody':
          wrap(ref.from, ref.to, `if ${TICK}() then (`, ') else null');
          break;
        case 'PositionalParameters':
          // date("…") and friends are literals, not calls.
          if (node.parent?.name !== 'FunctionInvocation') break;
          for (let argument = node.firstChild; argument; argument = argument.nextSibling) {
            if (argument.name !== 'FunctionDefinition') wrap(argument.from, argument.to, `${ITEMS}(`, ')');
          }
          break;
        case 'NamedParameter': {
          const value = node.lastChild;
          if (value && value.name !== 'FunctionDefinition' && value.name !== 'ParameterName') wrap(value.from, value.to, `${ITEMS}(`, ')');
          break;
        }
      }
      return undefined;
    },
  });
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a.at - b.at || a.order - b.order);
  let result = '';
  let position = 0;
  for (const edit of edits) {
    result += expression.slice(position, edit.at) + edit.text;
    position = edit.at;
  }
  return result + expression.slice(position);
}
