import { api, ApiProblem } from '../api/client.js';
import type { DecisionEvaluation, NamedValue } from '../api/types.js';
import { h } from '../app/dom.js';
import { hasRole } from '../auth/session.js';
import { pickLanguage, t } from '../i18n/index.js';
import type { DmnDecision, DmnEditor, DmnInput } from './create-dmn-modeler.js';
import { fieldValue, trialFields, trialVariables, type TrialField } from './trial-inputs.js';

/** Yes/no, empty and lists the way a clerk reads them; never JSON. */
export function readableValue(value: unknown): string {
  if (value === true) return t('Yes');
  if (value === false) return t('No');
  if (value === null || value === undefined) return t('(empty)');
  if (Array.isArray(value)) return value.length ? value.map(readableValue).join('；') : t('(none)');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([key, entry]) => `${key}：${readableValue(entry)}`).join('，');
  return String(value);
}

/**
 * 试算: one field per input column (by its label), evaluated by the API against the deployed
 * version; shows the result by output label and the rules that matched (number and annotation).
 * The API evaluates deployed versions only, so unsaved edits are said not to count.
 */
export class TrialPanel {
  private values = new Map<string, string>();
  private decisionId: string | undefined;
  private version: number | undefined;

  constructor(private readonly container: HTMLElement, private readonly editor: DmnEditor) {}

  private decisions(): DmnDecision[] {
    return (this.editor.getDefinitions()?.drgElement ?? []).filter((element) => element.$type === 'dmn:Decision');
  }

  /** The decision and the ones it requires (their inputs are asked for too; their results are not). */
  private fields(decisionId: string): TrialField[] {
    const all = this.decisions();
    const seen = new Set<string>();
    const inputs: DmnInput[] = [];
    const computed = new Set<string>();
    const visit = (id: string) => {
      const decision = all.find((candidate) => candidate.id === id);
      if (!decision || seen.has(id)) return;
      seen.add(id);
      for (const requirement of decision.informationRequirement ?? []) {
        const required = requirement.requiredDecision?.href?.replace(/^#/, '');
        if (!required) continue;
        const requiredDecision = all.find((candidate) => candidate.id === required);
        for (const name of [required, requiredDecision?.name, requiredDecision?.variable?.name]) if (name) computed.add(name);
        visit(required);
      }
      const logic = decision.decisionLogic;
      if (logic?.$type === 'dmn:DecisionTable') inputs.push(...(logic.input ?? []));
      else if (logic?.$type === 'dmn:LiteralExpression') inputs.push({ id: decision.id, label: decision.name ?? decision.id, inputExpression: { text: logic.text ?? '' } });
    };
    visit(decisionId);
    return trialFields(inputs).filter((field) => !computed.has(field.path.split('.')[0]));
  }

  refresh(decisionId: string | undefined, version: number | undefined, changed: boolean): void {
    this.decisionId = decisionId;
    this.version = version;
    const canEvaluate = hasRole('designer') || hasRole('staff') || hasRole('integrator');
    const heading = h('h3', {}, t('Try it (试算)'));
    if (!decisionId || !version) {
      this.container.replaceChildren(heading, h('p', { class: 'muted', id: 'trial-note' }, t('Deploy the decision to try it out.')));
      return;
    }
    const fields = this.fields(decisionId);
    const result = h('div', { id: 'trial-result' });
    const form = h(
      'form',
      {
        class: 'trial-form',
        id: 'trial-form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          void this.evaluate(fields, result);
        },
      },
      fields.map((field) => this.input(field)),
      h('button', { type: 'submit', class: 'primary', id: 'trial-evaluate', disabled: !canEvaluate, title: canEvaluate ? '' : t('Only designers, staff and integrators may evaluate') }, t('Evaluate')),
    );
    this.container.replaceChildren(
      heading,
      h('p', { class: changed ? 'warning-text' : 'muted', id: 'trial-note' }, changed ? t('Uses deployed version {version}; deploy your changes to try them.', { version }) : t('Uses deployed version {version}. Leave a field empty if the applicant gave nothing.', { version })),
      form,
      result,
    );
  }

  private input(field: TrialField): HTMLElement {
    const remember = (event: Event) => this.values.set(field.path, (event.target as HTMLInputElement).value);
    const previous = this.values.get(field.path) ?? '';
    const attributes = { 'data-path': field.path, onchange: remember, oninput: remember };
    let control: HTMLElement;
    if (field.type === 'boolean') {
      control = h('select', attributes, h('option', { value: '' }, t('(not given)')), h('option', { value: 'true', selected: previous === 'true' }, t('Yes')), h('option', { value: 'false', selected: previous === 'false' }, t('No')));
    } else if (field.options) {
      control = h('select', attributes, h('option', { value: '' }, t('(not given)')), field.options.map((option) => h('option', { value: option, selected: previous === option }, option)));
    } else {
      control = h('input', { ...attributes, type: field.type === 'number' ? 'number' : 'text', step: field.type === 'number' ? 'any' : null, value: previous });
    }
    return h('label', { title: field.expression ? t('Used in {expression}', { expression: field.expression }) : field.path }, field.label, control);
  }

  private async evaluate(fields: TrialField[], result: HTMLElement): Promise<void> {
    if (!this.decisionId) return;
    const variables = trialVariables(fields.map((field) => ({ path: field.path, value: fieldValue(field, this.values.get(field.path) ?? '') })));
    try {
      const evaluation = await api<DecisionEvaluation>(`/decision-definitions/${encodeURIComponent(this.decisionId)}/evaluation`, { body: { variables, ...(this.version ? { version: this.version } : {}) } });
      result.replaceChildren(...this.showEvaluation(evaluation));
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      result.replaceChildren(
        h('p', { class: 'error-text', id: 'trial-error' }, error.describe()),
        h('ul', {}, (error.problem.errors ?? []).map((item) => h('li', {}, pickLanguage(item.message, item.messageZh)))),
      );
    }
  }

  private showEvaluation(evaluation: DecisionEvaluation): Node[] {
    const decision = this.decisions().find((candidate) => candidate.id === evaluation.decisionId);
    const table = decision?.decisionLogic;
    const outputLabel = (output: NamedValue) => table?.output?.find((candidate) => candidate.id === output.id || candidate.name === output.name)?.label || output.name;
    const ruleText = (ruleIndex: number, ruleId: string) => {
      const description = table?.rule?.find((rule) => rule.id === ruleId)?.description;
      return description ? t('Rule {index}: {description}', { index: ruleIndex, description }) : t('Rule {index}', { index: ruleIndex });
    };
    const heading = h('h4', {}, t('Result of version {version}', { version: evaluation.decisionVersion }));
    if (table?.$type !== 'dmn:DecisionTable') return [heading, h('p', { id: 'trial-outcome' }, `${t('Result')}：${readableValue(evaluation.result)}`)];
    if (!evaluation.matchedRules.length) return [heading, h('p', { id: 'trial-outcome' }, t('No rule matched: the result is empty.'))];
    // One matched rule: its outputs by label. Several (COLLECT …): the rules, then the result.
    const single = evaluation.matchedRules.length === 1;
    return [
      heading,
      single
        ? h('table', { class: 'list', id: 'trial-outcome' }, evaluation.matchedRules[0].outputs.map((output) => h('tr', {}, h('th', {}, outputLabel(output)), h('td', {}, readableValue(output.value)))))
        : h('p', { id: 'trial-outcome' }, `${t('Result')}：${readableValue(evaluation.result)}`),
      h('h4', {}, t('Matched rules')),
      h(
        'ul',
        { id: 'trial-rules' },
        evaluation.matchedRules.map((rule) =>
          h('li', { 'data-rule-index': rule.ruleIndex }, ruleText(rule.ruleIndex, rule.ruleId), single ? '' : ` → ${rule.outputs.map((output) => `${outputLabel(output)}：${readableValue(output.value)}`).join('，')}`),
        ),
      ),
    ];
  }
}
