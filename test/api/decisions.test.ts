import fs from 'node:fs';
import { fromProjectRoot } from '../../engine/index.js';
import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';
import { end, process, start } from '../integration/durable/models.js';
import { decisionXml } from '../dmn/table-xml.js';

const renewalDmn = fs.readFileSync(fromProjectRoot('examples', 'individual-business-renewal.dmn'), 'utf8');

/** 年龄 → 等级: UNIQUE, with rules that overlap on purpose between 60 and 65. */
const gradeDmn = (grade: string) =>
  decisionXml({
    decisionId: 'grade',
    name: '分级',
    hitPolicy: 'UNIQUE',
    inputs: [{ label: '年龄', expression: 'age' }],
    outputs: [{ name: 'grade' }],
    rules: [
      [['< 18'], ['"未成年"']],
      [['[18..65]'], [`"${grade}"`]],
      [['>= 60'], ['"老年"']],
    ],
  }).replace('id="drg"', 'id="grade-drg"');

const ruleTask = (attributes: string, outputs = '') =>
  `<bpmn:businessRuleTask id="Decide" name="定级"><bpmn:extensionElements><zeebe:calledDecision ${attributes} />${outputs}</bpmn:extensionElements></bpmn:businessRuleTask>`;

const decidingProcess = (id: string, attributes: string, outputs = '') =>
  process(id, [start(), ruleTask(attributes, outputs), end()].join('\n'), [
    ['F1', 'Start', 'Decide'],
    ['F2', 'Decide', 'End'],
  ]);

describe('DMN decisions through the API', () => {
  let t: TestApp;
  const clock = new FakeClock();
  let designer: string;
  let operator: string;
  let outsider: string;
  beforeAll(async () => {
    t = await createTestApp({ clock });
    designer = await t.userToken({ id: 'designer', department: 'SCJGJ', roles: ['designer', 'integrator', 'admin'] });
    operator = await t.userToken({ id: 'ops', department: 'SCJGJ', roles: ['integrator', 'staff'] });
    outsider = await t.userToken({ id: 'zjj', department: 'ZJJ', roles: ['designer', 'integrator', 'staff'] });
  });
  afterAll(() => t.close());

  test('a DMN file deploys alone (raw XML or JSON), versioned per department, and is listed and read with its XML', async () => {
    const raw = await as(t.app, designer).post('/api/v1/deployments?name=renewal.dmn').set('Content-Type', 'application/xml').send(renewalDmn);
    expect(raw.status).toBe(201);
    expect(raw.body.definitions).toEqual([]);
    expect(raw.body.decisions).toEqual([expect.objectContaining({ decisionId: 'individual-business-renewal', version: 1, versionTag: '2026-12', decisionRequirementsId: 'individual-business-renewal-rules', unchanged: false })]);
    const again = await as(t.app, designer).post('/api/v1/deployments').send({ decisions: [renewalDmn] });
    expect(again.status).toBe(200);
    expect(again.body.decisions[0]).toMatchObject({ version: 1, unchanged: true });

    const v1 = await as(t.app, designer).post('/api/v1/deployments').send({ decisions: [gradeDmn('成年')], versionTag: 'v1' });
    expect(v1.status).toBe(201);
    clock.advance(1000);
    const v2 = await as(t.app, designer).post('/api/v1/deployments').send({ decisions: [gradeDmn('成人')], versionTag: 'v2' });
    expect(v2.body.decisions[0]).toMatchObject({ decisionId: 'grade', version: 2, versionTag: 'v2' });

    const list = await as(t.app, operator).get('/api/v1/decision-definitions?decisionId=grade');
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { version: number; versionTag: string }) => [item.version, item.versionTag])).toEqual([
      [2, 'v2'],
      [1, 'v1'],
    ]);
    const one = await as(t.app, operator).get(`/api/v1/decision-definitions/${list.body.items[1].key}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ decisionId: 'grade', version: 1, decisionRequirementsId: 'grade-drg' });
    expect(one.body.xml).toContain('成年&quot;');

    // Department isolation: ZJJ sees none of it.
    expect((await as(t.app, outsider).get('/api/v1/decision-definitions')).body.items).toEqual([]);
    expect((await as(t.app, outsider).get(`/api/v1/decision-definitions/${list.body.items[1].key}`)).status).toBe(404);
    expect((await as(t.app, outsider).post('/api/v1/decision-definitions/grade/evaluation').send({ variables: { age: 30 } })).status).toBe(404);
  });

  test('POST /decision-definitions/{id}/evaluation: result and matched rules; version and versionTag choose; a UNIQUE violation is a 422 naming the inputs', async () => {
    const latest = await as(t.app, operator).post('/api/v1/decision-definitions/grade/evaluation').send({ variables: { age: 30 } });
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ decisionId: 'grade', decisionVersion: 2, result: '成人', inputs: [{ name: '年龄', value: 30 }], matchedRules: [{ ruleIndex: 2, ruleId: 'grade_r2' }] });
    expect((await as(t.app, operator).post('/api/v1/decision-definitions/grade/evaluation').send({ variables: { age: 30 }, version: 1 })).body.result).toBe('成年');
    expect((await as(t.app, operator).post('/api/v1/decision-definitions/grade/evaluation').send({ variables: { age: 30 }, versionTag: 'v1' })).body.result).toBe('成年');
    expect((await as(t.app, operator).post('/api/v1/decision-definitions/grade/evaluation').send({ variables: { age: 10 } })).body.result).toBe('未成年');

    const both = await as(t.app, operator).post('/api/v1/decision-definitions/grade/evaluation').send({ variables: { age: 62 } });
    expect(both.status).toBe(422);
    expect(both.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(both.body.title).toMatch(/Decision 'grade' version 2 failed: .*UNIQUE, but rules 2, 3 matched/);
    expect(both.body.titleZh).toContain('同时命中');
    expect(both.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: '年龄', message: '年龄 = 62' })]));

    const missing = await as(t.app, operator).post('/api/v1/decision-definitions/grade/evaluation').send({ variables: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.title).toContain("input '年龄' needs variable 'age', which is missing");

    expect((await as(t.app, operator).post('/api/v1/decision-definitions/grade/evaluation').send({ variables: {}, extra: 1 })).status).toBe(400);
    expect((await as(t.app, operator).post('/api/v1/decision-definitions/grade/evaluation').send({ version: 1, versionTag: 'v1' })).status).toBe(400);
    expect((await as(t.app, operator).post('/api/v1/decision-definitions/nothing/evaluation').send({})).status).toBe(404);
    expect((await as(t.app, operator).post('/api/v1/decision-definitions/grade/evaluation').send({ version: 9 })).status).toBe(404);
  });

  test('an invalid DMN is a 422 naming the decision, the rule and the cell; nothing is kept', async () => {
    const bad = decisionXml({ decisionId: 'X', name: '准入', inputs: [{ label: '年龄', expression: 'age' }], outputs: [{ name: 'ok' }], rules: [[['-'], ['true']], [['-'], ['true']], [['>= 18 @'], ['false']]] });
    const refused = await as(t.app, designer).post('/api/v1/deployments').send({ decisions: [bad] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'dmn-unary-test', elementId: 'X', ruleIndex: 3, field: '/decisions/0', message: expect.stringContaining("Decision X (准入), rule 3, input '年龄'") })]);
    expect(refused.body.errors[0].messageZh).toContain('规则 3 的输入“年龄”');
    const raw = await as(t.app, designer).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(bad);
    expect(raw.status).toBe(422);
    expect(raw.body.errors[0]).toMatchObject({ field: '/xml', elementId: 'X' });
    expect((await as(t.app, designer).get('/api/v1/decision-definitions?decisionId=X')).body.items).toEqual([]);
    expect((await as(t.app, designer).post('/api/v1/deployments').send({})).status).toBe(400);
  });

  test('a business rule task evaluates the decision in its command: the result goes through output mappings, the trail records version, inputs, rules and outputs', async () => {
    const xml = decidingProcess(
      'grading',
      'decisionId="grade" resultVariable="grading"',
      '<zeebe:ioMapping><zeebe:output source="=grading" target="level" /></zeebe:ioMapping>',
    );
    expect((await as(t.app, designer).post('/api/v1/deployments').send({ xml })).status).toBe(201);
    const started = await as(t.app, operator).post('/api/v1/process-instances').send({ processId: 'grading', variables: { age: 40 } });
    expect(started.status).toBe(201);
    const instance = await as(t.app, operator).get(`/api/v1/process-instances/${started.body.id}`);
    expect(instance.body).toMatchObject({ status: 'completed', variables: { age: 40, level: '成人' } });
    expect(instance.body.variables.grading).toBeUndefined();
    const history = await as(t.app, operator).get(`/api/v1/process-instances/${started.body.id}/history`);
    const evaluated = history.body.items.find((entry: { type: string }) => entry.type === 'decision.evaluated');
    expect(evaluated).toMatchObject({
      elementId: 'Decide',
      data: {
        decisionId: 'grade',
        decisionName: '分级',
        decisionVersion: 2,
        versionTag: 'v2',
        resultVariable: 'grading',
        inputs: [{ name: '年龄', value: 40 }],
        matchedRules: [{ ruleId: 'grade_r2', ruleIndex: 2, outputs: [{ name: 'grade', value: '成人' }] }],
        result: '成人',
      },
    });
  });

  test('bindingType versionTag and deployment; decisionId as a FEEL expression', async () => {
    const tagged = decidingProcess('grading-v1', 'decisionId="=decisionName" resultVariable="level" bindingType="versionTag" versionTag="v1"');
    expect((await as(t.app, designer).post('/api/v1/deployments').send({ xml: tagged })).status).toBe(201);
    const run = await as(t.app, operator).post('/api/v1/process-instances').send({ processId: 'grading-v1', variables: { age: 30, decisionName: 'grade' } });
    expect((await as(t.app, operator).get(`/api/v1/process-instances/${run.body.id}`)).body.variables.level).toBe('成年');

    const together = decidingProcess('grading-together', 'decisionId="grade" resultVariable="level" bindingType="deployment"');
    const withDecision = await as(t.app, designer).post('/api/v1/deployments').send({ xml: together, decisions: [gradeDmn('成年人')] });
    expect(withDecision.status).toBe(201);
    expect(withDecision.body.decisions[0]).toMatchObject({ decisionId: 'grade', version: 3 });
    // A later version does not change what a process deployed with its decision calls.
    expect((await as(t.app, designer).post('/api/v1/deployments').send({ decisions: [gradeDmn('成年者')] })).body.decisions[0].version).toBe(4);
    const bound = await as(t.app, operator).post('/api/v1/process-instances').send({ processId: 'grading-together', variables: { age: 30 } });
    expect((await as(t.app, operator).get(`/api/v1/process-instances/${bound.body.id}`)).body.variables.level).toBe('成年人');

    const orphan = decidingProcess('grading-orphan', 'decisionId="grade" resultVariable="level" bindingType="deployment"');
    const refused = await as(t.app, designer).post('/api/v1/deployments').send({ xml: orphan });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ code: 'businessRuleTask.decisionNotInDeployment', elementId: 'Decide' });
    const noResult = await as(t.app, designer).post('/api/v1/deployments').send({ xml: decidingProcess('grading-x', 'decisionId="grade"') });
    expect(noResult.status).toBe(422);
    expect(noResult.body.errors[0].code).toBe('businessRuleTask.noResultVariable');
  });

  test('a UNIQUE violation, a missing input or a missing decision is an incident naming the decision and the inputs; resolving it evaluates again', async () => {
    expect((await as(t.app, designer).post('/api/v1/deployments').send({ xml: decidingProcess('grading-latest', 'decisionId="grade" resultVariable="level"') })).status).toBe(201);
    const started = await as(t.app, operator).post('/api/v1/process-instances').send({ processId: 'grading-latest', variables: { age: 62 } });
    expect(started.status).toBe(201);
    const [incident] = (await as(t.app, operator).get(`/api/v1/incidents?processInstanceId=${started.body.id}`)).body.items;
    expect(incident).toMatchObject({ errorType: 'DECISION_EVALUATION_ERROR', elementId: 'Decide', state: 'active' });
    expect(incident.message).toMatch(/Decision 'grade' version 4 failed: .*UNIQUE, but rules 2, 3 matched \(inputs: 年龄 = 62\)/);
    expect(incident.messageZh).toContain('年龄 = 62');
    const history = (await as(t.app, operator).get(`/api/v1/process-instances/${started.body.id}/history`)).body.items;
    expect(history.find((entry: { type: string }) => entry.type === 'decision.evaluated').data.failure.message).toMatch(/UNIQUE/);

    expect((await as(t.app, operator).post(`/api/v1/process-instances/${started.body.id}/variables`).send({ variables: { age: 70 } })).status).toBeLessThan(300);
    const resolved = await as(t.app, designer).post(`/api/v1/incidents/${incident.id}/resolve`).send({});
    expect(resolved.status).toBeLessThan(300);
    expect((await as(t.app, operator).get(`/api/v1/process-instances/${started.body.id}`)).body).toMatchObject({ status: 'completed', variables: { level: '老年' } });

    const noInput = await as(t.app, operator).post('/api/v1/process-instances').send({ processId: 'grading-latest', variables: {} });
    const [inputIncident] = (await as(t.app, operator).get(`/api/v1/incidents?processInstanceId=${noInput.body.id}`)).body.items;
    expect(inputIncident.message).toContain("input '年龄' needs variable 'age', which is missing");

    const noDecision = decidingProcess('grading-none', 'decisionId="no-such" resultVariable="level"');
    expect((await as(t.app, designer).post('/api/v1/deployments').send({ xml: noDecision })).status).toBe(201);
    const none = await as(t.app, operator).post('/api/v1/process-instances').send({ processId: 'grading-none' });
    const [noneIncident] = (await as(t.app, operator).get(`/api/v1/incidents?processInstanceId=${none.body.id}`)).body.items;
    expect(noneIncident).toMatchObject({ errorType: 'DECISION_EVALUATION_ERROR', message: expect.stringContaining("no decision 'no-such' is deployed in department SCJGJ") });
  });
});
