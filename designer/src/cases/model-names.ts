import { t } from '../i18n/index.js';

interface Flow {
  source: string;
  target: string;
  condition: string | null;
}

/** What a case page needs from its model's XML: step names by id, and the flows with their conditions. */
export interface ModelNames {
  /** The name of an element; for an unnamed flow, "从“受理”到“审查”的连线"; null when unknown. */
  nameOf(id: string): string | null;
  /** A message with the element ids it quotes replaced by names (staff never read Task_Accept). */
  withNames(message: string): string;
  /** The data a step's outgoing conditions test, with the text values they compare it to. */
  conditionData(elementId: string): Map<string, string[]>;
  /** The label a form of the model gives a variable (受理意见 for acceptance), else null. */
  labelOf(variable: string): string | null;
}

/** key → label of every field of a form-js schema (nested groups included). */
function collectLabels(component: unknown, into: Map<string, string>): void {
  if (!component || typeof component !== 'object') return;
  const { key, label, components } = component as { key?: unknown; label?: unknown; components?: unknown };
  if (typeof key === 'string' && typeof label === 'string' && label.trim()) into.set(key, label.trim());
  if (Array.isArray(components)) for (const child of components) collectLabels(child, into);
}

const FEEL_WORDS = new Set(['and', 'or', 'not', 'null', 'true', 'false', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every', 'satisfies', 'instance', 'of', 'between', 'function']);

export function modelNames(xml: string | null | undefined): ModelNames {
  const names = new Map<string, string>();
  const flows = new Map<string, Flow>();
  const labels = new Map<string, string>();
  if (xml) {
    const document = new DOMParser().parseFromString(xml, 'application/xml');
    for (const element of Array.from(document.getElementsByTagName('*'))) {
      if (element.localName === 'userTaskForm') {
        try {
          collectLabels(JSON.parse(element.textContent ?? ''), labels);
        } catch {
          // A form that does not parse gives no labels; the task page reports it.
        }
      }
      const id = element.getAttribute('id');
      if (!id) continue;
      const name = element.getAttribute('name')?.replace(/\s+/g, ' ').trim();
      if (name) names.set(id, name);
      if (element.localName === 'sequenceFlow') {
        const condition = Array.from(element.children).find((child) => child.localName === 'conditionExpression')?.textContent?.trim() ?? null;
        flows.set(id, { source: element.getAttribute('sourceRef') ?? '', target: element.getAttribute('targetRef') ?? '', condition });
      }
    }
  }
  const nameOf = (id: string): string | null => {
    const named = names.get(id);
    if (named) return named;
    const flow = flows.get(id);
    if (flow) return t('the flow from “{from}” to “{to}”', { from: names.get(flow.source) ?? t('Unnamed step'), to: names.get(flow.target) ?? t('Unnamed step') });
    return null;
  };
  const ids = [...new Set([...names.keys(), ...flows.keys()])].sort((a, b) => b.length - a.length);
  return {
    nameOf,
    labelOf: (variable) => labels.get(variable) ?? null,
    withNames(message) {
      let text = message;
      for (const id of ids) {
        if (!text.includes(id)) continue;
        const name = nameOf(id);
        if (!name) continue;
        // Quoted ids (“Task_Accept” or 'Task_Accept') become names; a flow's phrase replaces its quotes.
        text = text.split(`“${id}”`).join(flows.has(id) && !names.has(id) ? name : `“${name}”`);
        text = text.split(`'${id}'`).join(flows.has(id) && !names.has(id) ? name : `“${name}”`);
      }
      // 顺序流“Flow_1”的条件 reads 从“受理”到“审查”的连线的条件 once the id is replaced.
      return text.replace(/顺序流(从“)/g, '$1');
    },
    conditionData(elementId) {
      const data = new Map<string, string[]>();
      for (const flow of flows.values()) {
        if (flow.source !== elementId || !flow.condition) continue;
        const expression = flow.condition.replace(/^=/, '');
        for (const match of expression.matchAll(/([A-Za-z_][\w]*)\s*(?:=|!=)\s*"([^"]*)"/g)) {
          const values = data.get(match[1]) ?? [];
          if (!values.includes(match[2])) values.push(match[2]);
          data.set(match[1], values);
        }
        // Other names the condition reads (numbers, booleans): a free field each.
        const withoutStrings = expression.replace(/"[^"]*"/g, '');
        for (const match of withoutStrings.matchAll(/(?<![\w.])([A-Za-z_][\w]*)(?![\w(])/g)) {
          if (!FEEL_WORDS.has(match[1]) && !data.has(match[1])) data.set(match[1], []);
        }
      }
      return data;
    },
  };
}
