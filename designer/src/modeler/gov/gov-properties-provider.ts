import { Group, isTextFieldEntryEdited, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import type { Element } from 'bpmn-js/lib/model/Types';
import { govTarget, govValue, setGovValues, type GovType } from './gov-extension.js';
import { MatterSearch } from './matter-search.js';

type Translate = (text: string) => string;
interface EntryProps {
  element: Element;
  id: string;
}

interface FieldSpec {
  id: string;
  type: GovType;
  property: string;
  label: string;
  description?: string;
  /** Only on user tasks: the attribute marks a step's role, and the engine refuses it anywhere else. */
  userTaskOnly?: boolean;
}

/** The gov: fields the panel offers; labels are English keys of the zh-CN dictionary. */
const FIELDS: FieldSpec[] = [
  { id: 'gov-matter-code', type: 'gov:Matter', property: 'code', label: 'Matter code' },
  { id: 'gov-matter-name', type: 'gov:Matter', property: 'name', label: 'Matter name' },
  { id: 'gov-handling-department', type: 'gov:Handling', property: 'department', label: 'Handling department', description: 'Department code; tasks are routed to this department' },
  { id: 'gov-handling-unit', type: 'gov:Handling', property: 'unit', label: 'Handling unit' },
  { id: 'gov-sla-statutory', type: 'gov:Sla', property: 'statutory', label: 'Statutory time limit', description: 'ISO 8601 duration, e.g. P20D (20 days in the chosen calendar)' },
  { id: 'gov-sla-committed', type: 'gov:Sla', property: 'committed', label: 'Committed time limit', description: 'Usually shorter than the statutory limit, e.g. P10D' },
  { id: 'gov-sla-calendar', type: 'gov:Sla', property: 'calendar', label: 'Calendar', description: 'working = working days (holidays and 调休 counted); natural = natural days' },
  { id: 'gov-sla-warn-at', type: 'gov:Sla', property: 'warnAt', label: 'Warn at', description: 'When the deadline turns yellow, e.g. P2D before or 80%' },
  { id: 'gov-sla-profile', type: 'gov:Sla', property: 'profile', label: 'SLA profile', description: 'A named profile such as 12345' },
  {
    id: 'gov-sla-response',
    type: 'gov:Sla',
    property: 'response',
    label: 'First response limit',
    description: 'On the step whose claim (签收) is the first response: PT24H, or profile for the SLA profile’s limit; the clock starts when the step is created',
    userTaskOnly: true,
  },
  {
    id: 'gov-sla-step',
    type: 'gov:Sla',
    property: 'step',
    label: 'Operating-standard step',
    description: 'The step key of the matter’s operating standard this task implements, e.g. handle: its limit becomes the step limit',
    userTaskOnly: true,
  },
  { id: 'gov-supervision-unit', type: 'gov:Supervision', property: 'unit', label: 'Supervising unit' },
  { id: 'gov-supervision-levels', type: 'gov:Supervision', property: 'levels', label: 'Supervision levels' },
];

function fieldComponent(spec: FieldSpec) {
  return function GovField(props: EntryProps) {
    const { element, id } = props;
    const translate = useService<Translate>('translate');
    const debounce = useService<unknown>('debounceInput');
    const commandStack = useService<{ execute(command: string, context: unknown): void }>('commandStack');
    const bpmnFactory = useService<{ create(type: string, attributes?: Record<string, unknown>): unknown }>('bpmnFactory');
    return h(TextFieldEntry, {
      element,
      id,
      label: translate(spec.label),
      description: spec.description ? translate(spec.description) : undefined,
      debounce,
      getValue: () => govValue(element, spec.type, spec.property),
      setValue: (value: string) => setGovValues(element, spec.type, { [spec.property]: value }, commandStack, bpmnFactory as never),
    });
  };
}

const COMPONENTS = new Map(FIELDS.map((spec) => [spec.id, fieldComponent(spec)]));

/** Adds the 政务属性 group (matter, handling department, SLA, supervision) to processes and activities. */
export class GovPropertiesProvider {
  static $inject = ['propertiesPanel', 'translate'];
  private readonly translate: Translate;

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }, translate: Translate) {
    this.translate = translate;
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: Element) {
    return (groups: unknown[]) => {
      if (!govTarget(element)) return groups;
      const entries: Record<string, unknown>[] = [{ id: 'gov-matter-search', component: MatterSearch, element }];
      for (const spec of FIELDS) {
        if (spec.userTaskOnly && !is(element, 'bpmn:UserTask')) continue;
        entries.push({ id: spec.id, component: COMPONENTS.get(spec.id), element, isEdited: isTextFieldEntryEdited });
      }
      // Right after 常规 (general) so designers see it without scrolling.
      groups.splice(Math.min(1, groups.length), 0, { id: 'gov', label: this.translate('Government properties'), entries, component: Group });
      return groups;
    };
  }
}

export const govPropertiesProviderModule = {
  __init__: ['govPropertiesProvider'],
  govPropertiesProvider: ['type', GovPropertiesProvider],
};
