import { flows, problemsOf, processXml } from './support/bpmn.js';

/**
 * BPMN attributes and elements that mean something in the standard but that the engine does not execute are refused
 * at deployment, naming the element and what to write instead; they used to deploy and be silently dropped (an
 * assignment by potentialOwner lost). Documentation the standard means as such still deploys.
 */
const around = (task: string) => processXml('p', `<startEvent id="start"/>${task}<endEvent id="end"/>${flows('start', 't', 'end')}`, '<interface id="i" name="Licences"><operation id="op" name="issue"/></interface>');

describe('BPMN the engine would not execute is refused at deployment', () => {
  test.each([
    ['a potential owner', '<userTask id="t"><potentialOwner><resourceAssignmentExpression><formalExpression>clerk</formalExpression></resourceAssignmentExpression></potentialOwner></userTask>', /potential owners/, /zeebe:assignmentDefinition/],
    ['an ioSpecification', '<userTask id="t"><ioSpecification><dataInput id="in"/><inputSet><dataInputRefs>in</dataInputRefs></inputSet><outputSet/></ioSpecification></userTask>', /ioSpecification/, /zeebe:ioMapping/],
    ['startQuantity 2', '<userTask id="t" startQuantity="2"/>', /startQuantity/, /startQuantity/],
    ['a receive task that would start the process', '<receiveTask id="t" instantiate="true"/>', /instantiate/, /消息启动事件/],
    ['a WSDL operation', '<serviceTask id="t" operationRef="op"/>', /operationRef/, /zeebe:taskDefinition/],
  ])('%s', async (_what, task, english, chinese) => {
    const problems = await problemsOf(around(task));
    const found = problems.find((entry) => entry.code === 'element.ignoredAttribute');
    expect(found).toMatchObject({ elementId: 't', message: expect.stringMatching(english), messageZh: expect.stringMatching(chinese) });
  });

  test('a sequence flow marked isImmediate and a process property, each named', async () => {
    const xml = processXml('p', `<property id="prop" name="x"/><startEvent id="start"/><userTask id="t"/><endEvent id="end"/><sequenceFlow id="f1" sourceRef="start" targetRef="t" isImmediate="true"/>${flows('t', 'end')}`);
    const ignored = (await problemsOf(xml)).filter((entry) => entry.code === 'element.ignoredAttribute');
    expect(ignored.map((entry) => entry.elementId).sort()).toEqual(['f1', 'p']);
  });

  test('documentation the standard means as such still deploys: data objects and their associations, lanes, the default implementation', async () => {
    const task = '<userTask id="t" implementation="##WebService"><dataInputAssociation id="da"><sourceRef>ref</sourceRef><targetRef>t</targetRef></dataInputAssociation></userTask>';
    const lanes = '<laneSet id="ls"><lane id="l1" name="窗口"><flowNodeRef>start</flowNodeRef><flowNodeRef>t</flowNodeRef><flowNodeRef>end</flowNodeRef></lane></laneSet>';
    const xml = processXml('p', `${lanes}<dataObject id="obj"/><dataObjectReference id="ref" dataObjectRef="obj"/><startEvent id="start"/>${task}<endEvent id="end"/>${flows('start', 't', 'end')}`);
    expect(await problemsOf(xml)).toEqual([]);
  });
});

describe('a user task date written as it is', () => {
  const task = (attributes: string) => processXml('p', `<startEvent id="start"/><userTask id="t"><extensionElements><zeebe:taskSchedule ${attributes}/></extensionElements></userTask><endEvent id="end"/>${flows('start', 't', 'end')}`);

  test('that is no date-time is refused at deployment, naming it (it failed in every case, as an incident)', async () => {
    for (const attributes of ['dueDate="2026-13-45T00:00:00Z"', 'followUpDate="x"', 'dueDate="2026-12-01T17:00:00+08:00[Mars/Olympus]"']) {
      const problems = await problemsOf(task(attributes));
      expect(problems).toEqual([expect.objectContaining({ code: 'userTask.date', elementId: 't', messageZh: expect.stringContaining('必须是日期时间') })]);
    }
  });

  test('with a zone, or as an expression, deploys', async () => {
    expect(await problemsOf(task('dueDate="2026-12-01T17:00:00+08:00" followUpDate="2026-12-01T09:00:00Z[Asia/Shanghai]"'))).toEqual([]);
    expect(await problemsOf(task('dueDate="=now() + duration(&quot;P3D&quot;)"'))).toEqual([]);
  });
});
