/** Writes DMN 1.3 XML for tests and benchmarks from a compact description of a table. */
export interface TableSpec {
  decisionId?: string;
  name?: string;
  hitPolicy?: string;
  aggregation?: string;
  inputs: Array<{ label?: string; expression: string; values?: string }>;
  outputs: Array<{ name?: string; label?: string; values?: string; default?: string }>;
  /** Each rule: the input entries, then the output entries. */
  rules: Array<[string[], string[]]>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function decisionXml(spec: TableSpec): string {
  const id = spec.decisionId ?? 'decision';
  return definitionsXml(tableDecision(spec, id));
}

export function tableDecision(spec: TableSpec, id = spec.decisionId ?? 'decision', requires: string[] = []): string {
  const policy = spec.hitPolicy ? ` hitPolicy="${spec.hitPolicy}"` : '';
  const aggregation = spec.aggregation ? ` aggregation="${spec.aggregation}"` : '';
  const inputs = spec.inputs
    .map(
      (input, index) =>
        `<input id="${id}_in${index + 1}"${input.label ? ` label="${escape(input.label)}"` : ''}><inputExpression id="${id}_ie${index + 1}"><text>${escape(input.expression)}</text></inputExpression>${
          input.values ? `<inputValues><text>${escape(input.values)}</text></inputValues>` : ''
        }</input>`,
    )
    .join('');
  const outputs = spec.outputs
    .map(
      (output, index) =>
        `<output id="${id}_out${index + 1}"${output.name ? ` name="${escape(output.name)}"` : ''}${output.label ? ` label="${escape(output.label)}"` : ''}>${
          output.values ? `<outputValues><text>${escape(output.values)}</text></outputValues>` : ''
        }${output.default ? `<defaultOutputEntry><text>${escape(output.default)}</text></defaultOutputEntry>` : ''}</output>`,
    )
    .join('');
  const rules = spec.rules
    .map(
      ([ins, outs], rule) =>
        `<rule id="${id}_r${rule + 1}">${ins.map((text, index) => `<inputEntry id="${id}_r${rule + 1}_i${index}"><text>${escape(text)}</text></inputEntry>`).join('')}${outs
          .map((text, index) => `<outputEntry id="${id}_r${rule + 1}_o${index}"><text>${escape(text)}</text></outputEntry>`)
          .join('')}</rule>`,
    )
    .join('');
  const requirements = requires.map((required, index) => `<informationRequirement id="${id}_req${index}"><requiredDecision href="#${required}"/></informationRequirement>`).join('');
  return `<decision id="${id}"${spec.name ? ` name="${escape(spec.name)}"` : ''}>${requirements}<decisionTable id="${id}_table"${policy}${aggregation}>${inputs}${outputs}${rules}</decisionTable></decision>`;
}

export function literalDecision(id: string, expression: string, requires: string[] = [], variable?: string): string {
  const requirements = requires.map((required, index) => `<informationRequirement id="${id}_req${index}"><requiredDecision href="#${required}"/></informationRequirement>`).join('');
  return `<decision id="${id}" name="${id}">${variable ? `<variable id="${id}_var" name="${variable}"/>` : ''}${requirements}<literalExpression id="${id}_le"><text>${escape(expression)}</text></literalExpression></decision>`;
}

export function definitionsXml(decisions: string, id = 'drg', extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="${id}" name="${id}" namespace="http://matterflow.test/dmn">${extra}${decisions}</definitions>`;
}
