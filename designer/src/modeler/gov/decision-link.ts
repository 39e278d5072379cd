import { h } from '@bpmn-io/properties-panel/preact';
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';
import type { Element } from 'bpmn-js/lib/model/Types';
import type { DecisionDefinition } from '../../api/types.js';
import { fetchAll } from '../../app/paged-list.js';

type Translate = (text: string, replacements?: Record<string, unknown>) => string;
interface ModdleElement {
  $type: string;
  get(name: string): unknown;
  decisionId?: string;
}

/** The zeebe:CalledDecision of a business rule task, if it calls a decision. */
function calledDecision(element: Element): ModdleElement | undefined {
  const values = ((element.businessObject?.extensionElements as ModdleElement | undefined)?.get('values') ?? []) as ModdleElement[];
  return values.find((value) => value.$type === 'zeebe:CalledDecision');
}

// One list per page view: every business rule task shares it.
let decisionsRequest: Promise<DecisionDefinition[]> | undefined;
function departmentDecisions(): Promise<DecisionDefinition[]> {
  decisionsRequest ??= fetchAll<DecisionDefinition>('/decision-definitions');
  return decisionsRequest;
}

/**
 * Under 被调用决策: pick one of my department's decisions (by name) for decisionId, and
 * 打开决策 opens it on the 决策表 page.
 */
export function DecisionLink(props: { element: Element }) {
  const { element } = props;
  const translate = useService<Translate>('translate');
  const commandStack = useService<{ execute(command: string, context: unknown): void }>('commandStack');
  const [decisions, setDecisions] = useState<DecisionDefinition[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    departmentDecisions()
      .then((items) => !cancelled && setDecisions(items))
      .catch(() => {
        decisionsRequest = undefined;
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, []);
  const called = calledDecision(element);
  if (!called) return null;
  const decisionId = String(called.decisionId ?? '').trim();
  const latest = new Map<string, DecisionDefinition>();
  for (const decision of decisions ?? []) if (!latest.has(decision.decisionId) || latest.get(decision.decisionId)!.version < decision.version) latest.set(decision.decisionId, decision);
  const pick = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    if (value) commandStack.execute('element.updateModdleProperties', { element, moddleElement: called, properties: { decisionId: value } });
  };
  const isExpression = decisionId.startsWith('=');
  return h(
    'div',
    { class: 'decision-link', 'data-entry-id': 'decision-link' },
    failed
      ? h('span', { class: 'muted' }, translate('Decisions of my department could not be loaded'))
      : h(
          'select',
          { id: 'decision-pick', 'aria-label': translate('Pick a decision of my department'), onChange: pick },
          h('option', { value: '' }, translate('Pick a decision of my department')),
          [...latest.values()].map((decision) =>
            h('option', { value: decision.decisionId, selected: decision.decisionId === decisionId }, `${decision.name ?? decision.decisionId}（${decision.decisionId} · v${decision.version}）`),
          ),
        ),
    isExpression
      ? h('span', { class: 'muted' }, translate('The decision ID is an expression; it is chosen when the case runs'))
      : decisionId
        ? h('a', { id: 'open-decision', href: `#/decisions/${encodeURIComponent(decisionId)}` }, translate('Open decision'))
        : null,
  );
}

/** Adds the decision picker and 打开决策 to the 被调用决策 group of business rule tasks. */
export class DecisionLinkProvider {
  static $inject = ['propertiesPanel'];
  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }) {
    // After the Zeebe provider (500), which creates the group.
    propertiesPanel.registerProvider(300, this);
  }

  getGroups(element: Element) {
    return (groups: { id: string; entries: unknown[] }[]) => {
      const group = groups.find((candidate) => candidate.id === 'calledDecision');
      if (group && calledDecision(element)) group.entries.splice(1, 0, { id: 'decision-link', component: DecisionLink, element });
      return groups;
    };
  }
}

export const decisionLinkModule = {
  __init__: ['decisionLinkProvider'],
  decisionLinkProvider: ['type', DecisionLinkProvider],
};
