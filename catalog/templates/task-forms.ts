// The form-js forms of the sample processes' deciding steps, embedded in the models as
// zeebe:userTaskForm (Camunda 8's embedded forms): the choice the next gateway branches on is a
// required radio group, the applicant's data is shown read-only (masked where it is personal
// data, see docs/personal-data.md), labels are Chinese. Used by build-templates.ts and written
// into examples/administrative-permit.bpmn by `npx tsx catalog/templates/task-forms.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Component = Record<string, unknown>;

/** The applicant as the window clerk checks it: read-only, never submitted back. */
const applicantFacts: Component[] = [
  { type: 'text', id: 'ApplicantHeading', text: '#### 申请人信息' },
  { type: 'textfield', id: 'Applicant', key: 'applicant', label: '申请人', readonly: true, layout: { columns: 8 } },
  { type: 'textfield', id: 'ApplicantIdNo', key: 'applicantIdNo', label: '身份证号', readonly: true, layout: { columns: 8 } },
  { type: 'textfield', id: 'ApplicantPhone', key: 'applicantPhone', label: '联系电话', readonly: true, layout: { columns: 8 } },
];

const form = (id: string, components: Component[]) => ({ id, type: 'default', schemaVersion: 16, components });

/** 受理 (行政许可法 第三十二条): 受理 / 补正 / 不予受理, the reason required unless accepted. */
export const ACCEPTANCE_FORM = form('Form_Accept', [
  ...applicantFacts,
  { type: 'text', id: 'AcceptanceHeading', text: '#### 受理审查' },
  {
    type: 'radio',
    id: 'Acceptance',
    key: 'acceptance',
    label: '受理意见',
    description: '材料不齐全或者不符合法定形式的，一次性告知需要补正的全部内容',
    validate: { required: true },
    values: [
      { label: '受理', value: '受理' },
      { label: '一次性告知补正', value: '补正' },
      { label: '不予受理', value: '不予受理' },
    ],
  },
  {
    type: 'textarea',
    id: 'AcceptanceReason',
    key: 'acceptanceReason',
    label: '补正内容或不予受理理由',
    validate: { required: true, maxLength: 1000 },
    conditional: { hide: '=acceptance = null or acceptance = "受理"' },
  },
]);

/** 决定 (行政许可法 第三十八条): 准予许可 / 不予许可, a refusal says why and the remedies. */
export const DECISION_FORM = form('Form_Decide', [
  ...applicantFacts,
  { type: 'text', id: 'DecisionHeading', text: '#### 许可决定' },
  {
    type: 'radio',
    id: 'Decision',
    key: 'decision',
    label: '决定',
    validate: { required: true },
    values: [
      { label: '准予许可', value: '准予许可' },
      { label: '不予许可', value: '不予许可' },
    ],
  },
  {
    type: 'textarea',
    id: 'DecisionReason',
    key: 'decisionReason',
    label: '不予许可的理由（并告知申请人申请复议或提起诉讼的权利）',
    validate: { required: true, maxLength: 1000 },
    conditional: { hide: '=decision != "不予许可"' },
  },
]);

/** The embedded forms of a step, by the ids the sample processes give their steps. */
export const STEP_FORMS: Readonly<Record<string, { id: string }>> = { Task_Accept: ACCEPTANCE_FORM, Task_Decide: DECISION_FORM };

const escXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `<zeebe:userTaskForm>` elements for the process's extensionElements. */
export function userTaskForms(forms: ReadonlyArray<{ id: string }>, indent: string): string {
  return forms.map((schema) => `${indent}<zeebe:userTaskForm id="${schema.id}">${escXml(JSON.stringify(schema))}</zeebe:userTaskForm>`).join('\n');
}

/** The task's reference to its embedded form. */
export const formDefinition = (schema: { id: string }) => `<zeebe:formDefinition formKey="camunda-forms:bpmn:${schema.id}" />`;

// Rewrites the embedded forms of examples/administrative-permit.bpmn from the schemas above.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'administrative-permit.bpmn');
  const xml = readFileSync(file, 'utf8')
    .replace(/\n {6}<zeebe:userTaskForm id="[^"]+">[^<]*<\/zeebe:userTaskForm>/g, '')
    .replace('<zeebe:versionTag value="2026.1" />', `<zeebe:versionTag value="2026.1" />\n${userTaskForms([ACCEPTANCE_FORM, DECISION_FORM], '      ')}`);
  writeFileSync(file, xml, 'utf8');
  console.log(`wrote ${file}`);
}
