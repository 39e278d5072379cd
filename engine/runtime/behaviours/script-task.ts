import { completeElement } from '../lifecycle.js';
import type { Behaviour } from './behaviour.js';
import { createJob } from './jobs.js';

/** A FEEL expression (zeebe:script) whose value goes into the result variable; never another script language. */
export const scriptTask: Behaviour = {
  activate(execution, node, instance) {
    if (!node.script) return createJob(execution, node, instance);
    const result = execution.evaluate(node.script.expression, instance.id);
    if (!result.ok) {
      execution.raiseIncident(instance, 'EXPRESSION_FAILED', `Script of '${node.id}': ${result.message}`, `“${node.id}”的脚本：${result.messageZh}`, 'activate');
      return;
    }
    completeElement(execution, instance, node.script.resultVariable ? { [node.script.resultVariable]: result.value } : {});
  },
};
