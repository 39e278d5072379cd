import { compileProcess } from '../../../../../engine/model/compile-process.js';
import type { ModdleElement } from '../../../../../engine/model/parse-bpmn.js';
import type { LintNode, LintReporter, LintRule } from '../lint-types.js';

/** The message in the user's language (the engine gives both); Chinese unless the app is set to English. */
function inUserLanguage(english: string, chinese: string): string {
  // The key i18n/index.ts keeps the choice under; no localStorage in Node (the tests).
  const storage = (globalThis as { localStorage?: { getItem(key: string): string | null } }).localStorage;
  const language = storage?.getItem('matterflow.language');
  return language === 'en' ? english : chinese;
}

/**
 * Flags, while the user draws, exactly what the server would refuse at deployment: the rule runs
 * the engine's own compiler (engine/model/compile-process.ts, the one POST /deployments runs) on
 * each executable process, instead of a hand-kept mirror of it that drifted (it flagged every
 * model with 政务属性 and missed refused extensions).
 */
export default function engineExecutable(): LintRule {
  function check(node: LintNode, reporter: LintReporter): void {
    if (node.$type !== 'bpmn:Process' || node.isExecutable !== true) return;
    const result = compileProcess(node as unknown as ModdleElement);
    if (result.ok) return;
    for (const problem of result.problems) reporter.report(problem.elementId ?? node.id, inUserLanguage(problem.message, problem.messageZh));
  }
  return { check };
}
