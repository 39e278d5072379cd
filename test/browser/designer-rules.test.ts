import fs from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import type { LintNode, LintRuleFactory } from '../../designer/src/modeler/lint/lint-types.js';
import userTaskDepartment from '../../designer/src/modeler/lint/rules/user-task-department.js';
import { deadlineStatus, workingDaysBetween } from '../../designer/src/sla/deadline.js';

// The designer's pure parts, run in Node: Matterflow lint rules, version diff and deadline badges.
// (bpmnlint's Linter itself is CommonJS requiring ESM, which jest cannot load on Node 20; the
// browser test proves the packed config works inside bpmn-js.)
const gov = JSON.parse(fs.readFileSync('engine/model/gov-moddle.json', 'utf8'));
const zeebe = JSON.parse(fs.readFileSync('node_modules/zeebe-bpmn-moddle/resources/zeebe.json', 'utf8'));
const moddle = new BpmnModdle({ gov, zeebe });

function processXml(body: string, processExtensions = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="http://matterflow.dev/schema/gov/1.0" id="d" targetNamespace="t">
  <bpmn:process id="P" name="许可" isExecutable="true">${processExtensions}
    <bpmn:startEvent id="Start" name="申请"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    ${body}
    <bpmn:endEvent id="End" name="办结"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Step" />
    <bpmn:sequenceFlow id="f2" sourceRef="Step" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;
}

interface Report {
  id: string;
  message: string;
}

const RULES: Record<string, LintRuleFactory> = {
  'matterflow/user-task-department': userTaskDepartment,
};

/** What bpmnlint does for a rule with a plain `check`: visit every element, collect reports. */
async function lint(xml: string): Promise<Record<string, Report[]>> {
  const { rootElement } = await moddle.fromXML(xml);
  const results: Record<string, Report[]> = {};
  for (const [name, factory] of Object.entries(RULES)) {
    const { check } = factory();
    const visit = (node: LintNode) => {
      if (typeof check === 'function') check(node, { report: (id, message) => (results[name] ??= []).push({ id: id ?? '', message }) });
      for (const child of [...((node.rootElements as LintNode[]) ?? []), ...((node.flowElements as LintNode[]) ?? [])]) visit(child);
    };
    visit(rootElement as unknown as LintNode);
  }
  return results;
}

const userTask = (extensions = '') => `<bpmn:userTask id="Step" name="审查">${extensions}<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>`;

describe('designer lint rules', () => {
  test('a user task without a handling department is an error', async () => {
    const results = await lint(processXml(userTask()));
    expect(results['matterflow/user-task-department']).toEqual([expect.objectContaining({ id: 'Step', message: 'User task has no handling department (gov:Handling): the department that started the case handles it' })]);
  });

  test('a department on the task or on its process satisfies the rule', async () => {
    const onTask = await lint(processXml(userTask('<bpmn:extensionElements><gov:handling department="SCJGJ" /></bpmn:extensionElements>')));
    const onProcess = await lint(processXml(userTask(), '<bpmn:extensionElements><gov:handling department="SCJGJ" /></bpmn:extensionElements>'));
    expect(onTask['matterflow/user-task-department']).toBeUndefined();
    expect(onProcess['matterflow/user-task-department']).toBeUndefined();
  });
  // matterflow/engine-executable runs the engine's compiler: test/unit/designer/lint-shipped-models.test.ts.
});

describe('deadline badges count working days', () => {
  test('the 2025 National Day holiday is skipped and the 调休 Saturday counts', () => {
    // 2025-09-30 (Tue) → 2025-10-11 (Sat, a make-up working day): Oct 9, 10, 11 are working days.
    expect(workingDaysBetween(new Date('2025-09-30T12:00:00+08:00'), new Date('2025-10-11T12:00:00+08:00'))).toBe(3);
  });

  test('overdue, due soon and on track, counted in China days', () => {
    const now = new Date('2025-11-03T09:00:00+08:00'); // Monday
    expect(deadlineStatus('2025-10-31T17:00:00+08:00', now)).toEqual({ state: 'overdue', workingDays: -1 });
    expect(deadlineStatus('2025-11-05T17:00:00+08:00', now)).toEqual({ state: 'warning', workingDays: 2 });
    expect(deadlineStatus('2025-11-14T17:00:00+08:00', now)).toEqual({ state: 'normal', workingDays: 9 });
    expect(deadlineStatus(null, now)).toBeNull();
  });

  test('a limit stored as the next day 00:00 counts up to its last day', () => {
    const now = new Date('2025-11-03T09:00:00+08:00'); // Monday
    // Ends at 24:00 of Wednesday 11-05: two working days left (Tue, Wed), not three.
    expect(deadlineStatus('2025-11-05T16:00:00Z', now)).toEqual({ state: 'warning', workingDays: 2 });
    // On its last day, in the evening, it is not yet overdue.
    expect(deadlineStatus('2025-11-05T16:00:00Z', new Date('2025-11-05T22:00:00+08:00'))).toEqual({ state: 'warning', workingDays: 0 });
  });
});
