import { flow, flows, processXml, userTask } from '../support/bpmn.js';
import { problemsOf } from '../support/bpmn.js';

describe('deploying a model the engine cannot run names every offending element', () => {
  test('invalid timers, call activities without a process, complex gateways, FEEL syntax errors (gateway flows without a condition are allowed: always true)', async () => {
    const problems = await problemsOf(
      processXml(
        'p',
        `<startEvent id="start"/><parallelGateway id="fork"/>
        <intermediateCatchEvent id="badTimer"><timerEventDefinition><timeDuration>20 days</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <intermediateCatchEvent id="badCycle"><timerEventDefinition><timeCycle>0 0 9 * * ?</timeCycle></timerEventDefinition></intermediateCatchEvent>
        <inclusiveGateway id="inc"/><endEvent id="i1"/><endEvent id="i2"/>
        <callActivity id="call"/>
        <complexGateway id="cx"/>
        <scriptTask id="js" scriptFormat="javascript"><script>eval(x)</script></scriptTask>
        ${userTask('badFeel', '<zeebe:assignmentDefinition assignee="=applicant.(" />')}
        <endEvent id="end"/>
        ${flows('start', 'fork')}${flow('fork', 'badTimer')}${flow('fork', 'badCycle')}${flow('fork', 'inc')}${flow('fork', 'call')}${flow('fork', 'js')}${flow('fork', 'badFeel')}
        ${flow('inc', 'i1')}${flow('inc', 'i2')}`,
      ),
    );
    const byElement = (id: string) => problems.filter((entry) => entry.elementId === id);
    expect(byElement('badTimer')[0].message).toContain('20 days');
    expect(byElement('badTimer')[0].messageZh).toContain('ISO 8601');
    expect(byElement('badCycle')).toHaveLength(1);
    expect(byElement('inc-i1')).toEqual([]);
    expect(byElement('inc-i2')).toEqual([]);
    expect(byElement('call')[0].messageZh).toContain('被调用流程');
    expect(byElement('cx')[0].messageZh).toContain('复杂网关');
    expect(byElement('js')[0].message).toContain('FEEL');
    expect(byElement('badFeel')[0].code).toBe('feel.syntax');
  });

  test('a boundary on a gateway, a link without a catch, an event gateway to a task are refused', async () => {
    const problems = await problemsOf(
      processXml(
        'p',
        `<startEvent id="start"/><exclusiveGateway id="x"/><boundaryEvent id="b" attachedToRef="x"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
        <intermediateThrowEvent id="jump"><linkEventDefinition name="nowhere"/></intermediateThrowEvent>
        <eventBasedGateway id="eg"/>${userTask('t1')}${userTask('t2')}<endEvent id="end"/>
        ${flows('start', 'x', 'jump')}${flow('b', 'end')}${flow('eg', 't1')}${flow('eg', 't2')}`,
      ),
    );
    expect(problems.map((entry) => entry.elementId)).toEqual(expect.arrayContaining(['b', 'jump', 'eg']));
  });
});
