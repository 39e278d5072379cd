/** The bpmnlint rule contract (bpmnlint ships no types). */
export interface LintNode {
  $type: string;
  id?: string;
  $parent?: LintNode;
  $instanceOf?(type: string): boolean;
  [property: string]: unknown;
}

export interface LintReporter {
  report(id: string | undefined, message: string, path?: string[] | Record<string, unknown>): void;
}

export interface LintRule {
  check: ((node: LintNode, reporter: LintReporter) => boolean | void) | { enter?: (node: LintNode, reporter: LintReporter) => boolean | void; leave?: (node: LintNode, reporter: LintReporter) => void };
}

export type LintRuleFactory = (config?: unknown) => LintRule;
