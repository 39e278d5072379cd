import iconv from 'iconv-lite';
import { compileDeployment } from '../../../engine/model/index.js';
import { compileOne, definitions, flow, flows, problemsOf, processXml, serviceTask, userTask } from '../support/bpmn.js';
import { PureRunner } from '../support/pure-runner.js';

/** Models the BPMN 2.0 specification allows (and Camunda 7 runs), which the engine refused or ran wrongly. */
describe('models BPMN 2.0 allows (pure interpreter)', () => {
  test('Given a process without a start event, a plain start starts every element without an incoming flow', async () => {
    const model = await compileOne(processXml('p', `${userTask('a')}${userTask('b')}${userTask('c')}<endEvent id="end"/>${flows('a', 'c', 'end')}${flows('b', 'end')}`));
    const run = new PureRunner(model).start();
    expect(run.waitingIds()).toEqual(['a', 'b']);
    run.complete('a').complete('b');
    expect(run.waitingIds()).toEqual(['c']);
    run.complete('c');
    expect(run.status).toBe('completed');
  });

  test('Given a subprocess without a start event, its elements without incoming flows start when it is entered', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><subProcess id="sub">${userTask('x')}${userTask('y')}<endEvent id="subEnd"/>${flows('x', 'subEnd')}</subProcess>${userTask('after')}
        ${flows('start', 'sub', 'after')}`,
      ),
    );
    const run = new PureRunner(model, { roundTrip: true }).start();
    expect(run.waitingIds()).toEqual(['x', 'y']);
    run.complete('x');
    expect(run.waitingIds()).toEqual(['y']);
    run.complete('y');
    expect(run.waitingIds()).toEqual(['after']);
  });

  test('A process or subprocess with nothing to start is still refused, naming it', async () => {
    const problems = await problemsOf(processXml('p', `<startEvent id="start"/><subProcess id="empty"/><endEvent id="end"/>${flows('start', 'empty', 'end')}`));
    expect(problems).toEqual([expect.objectContaining({ elementId: 'empty' })]);
    const loop = await problemsOf(processXml('q', `${userTask('a')}${userTask('b')}${flow('a', 'b')}${flow('b', 'a')}`));
    expect(loop).toEqual([expect.objectContaining({ code: 'process.noStart', elementId: 'q' })]);
  });

  test('Given conditional flows leaving an activity, every true one and every unconditional one is taken; the default only when none is', async () => {
    const xml = (withUnconditional: boolean) =>
      processXml(
        'p',
        `<startEvent id="start"/><userTask id="review" default="review-archive"/>${userTask('notify')}${userTask('approve')}${userTask('archive')}${userTask('log')}
        ${flows('start', 'review')}${flow('review', 'approve', '=decision = "yes"')}${flow('review', 'notify', '=urgent')}${flow('review', 'archive')}${withUnconditional ? flow('review', 'log') : ''}`,
      );
    const both = await compileOne(xml(true));
    expect(new PureRunner(both).start().complete('review', { decision: 'yes', urgent: true }).waitingIds()).toEqual(['approve', 'log', 'notify']);
    expect(new PureRunner(both).start().complete('review', { decision: 'no', urgent: false }).waitingIds()).toEqual(['log']);
    const conditionalOnly = await compileOne(xml(false));
    expect(new PureRunner(conditionalOnly).start().complete('review', { decision: 'yes', urgent: false }).waitingIds()).toEqual(['approve']);
    expect(new PureRunner(conditionalOnly).start().complete('review', { decision: 'no', urgent: false }).waitingIds()).toEqual(['archive']);
  });

  test('Given an activity whose only flows are conditional and none is true, nor a default, the element gets an incident; fixing the data and retrying goes on', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/>${serviceTask('check')}${userTask('yes')}${userTask('no')}${flows('start', 'check')}${flow('check', 'yes', '=ok = true')}${flow('check', 'no', '=ok = false')}`),
    );
    const run = new PureRunner(model, { roundTrip: true }).start().complete('check', {});
    expect(run.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'check', errorType: 'NO_FLOW_TAKEN' })]);
    run.setVariables({ ok: false }).retry('check');
    expect(run.waitingIds()).toEqual(['no']);
  });

  test('Given gateway flows without a condition, they count as true: an exclusive gateway takes the first in model order, an inclusive gateway every one', async () => {
    const exclusive = await compileOne(
      processXml('p', `<startEvent id="start"/><exclusiveGateway id="x"/>${userTask('a')}${userTask('b')}${userTask('c')}${flows('start', 'x')}${flow('x', 'a', '=false')}${flow('x', 'b')}${flow('x', 'c')}`),
    );
    expect(new PureRunner(exclusive).start().waitingIds()).toEqual(['b']);
    const inclusive = await compileOne(
      processXml('p', `<startEvent id="start"/><inclusiveGateway id="i"/>${userTask('a')}${userTask('b')}${userTask('c')}${flows('start', 'i')}${flow('i', 'a', '=false')}${flow('i', 'b')}${flow('i', 'c')}`),
    );
    expect(new PureRunner(inclusive).start().waitingIds()).toEqual(['b', 'c']);
  });

  test('Given an exclusive gateway with one conditional flow that is false and no default, it is an incident (not a silently taken flow)', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/><exclusiveGateway id="x"/>${userTask('a')}${flows('start', 'x')}${flow('x', 'a', '=go')}`));
    expect(new PureRunner(model).start({ go: false }).of('incident.created')).toEqual([expect.objectContaining({ elementId: 'x', errorType: 'NO_FLOW_TAKEN' })]);
    expect(new PureRunner(model).start({ go: true }).waitingIds()).toEqual(['a']);
  });

  test('A condition where BPMN has no use for it (out of an event or a parallel gateway) is still refused, naming the flow', async () => {
    const problems = await problemsOf(
      processXml('p', `<startEvent id="start"/><parallelGateway id="fork"/>${userTask('a')}${userTask('b')}${flows('start', 'fork')}${flow('fork', 'a', '=x')}${flow('fork', 'b')}`),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'flow.conditionNotAllowed', elementId: 'fork-a' })]);
  });

  test('Given `=x = true` with x never set, the exclusive gateway takes its default flow, as Camunda 8 does', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/><exclusiveGateway id="x" default="x-no"/>${userTask('yes')}${userTask('no')}${flows('start', 'x')}${flow('x', 'yes', '=x = true')}${flow('x', 'no')}`),
    );
    const run = new PureRunner(model).start();
    expect(run.of('incident.created')).toEqual([]);
    expect(run.waitingIds()).toEqual(['no']);
  });

  test('A condition feelin cannot compile is one problem naming the flow, not also "needs a condition"', async () => {
    for (const condition of ['=a >> 3', '=a < < 2']) {
      const problems = await problemsOf(
        processXml('p', `<startEvent id="start"/><exclusiveGateway id="x" default="x-no"/>${userTask('yes')}${userTask('no')}${flows('start', 'x')}${flow('x', 'yes', condition)}${flow('x', 'no')}`),
      );
      expect(problems).toEqual([expect.objectContaining({ code: 'feel.syntax', elementId: 'x-yes' })]);
    }
  });
});

describe('documents in another encoding than UTF-8', () => {
  const body = (encoding: string) =>
    definitions(`<process id="p" name="营业执照办理" isExecutable="true"><startEvent id="start" name="申请"/>${userTask('review', '', '审核')}<endEvent id="end"/>${flows('start', 'review', 'end')}</process>`).replace(
      'encoding="UTF-8"',
      `encoding="${encoding}"`,
    );

  test.each(['ISO-8859-1', 'GBK', 'GB18030', 'GB2312'])('a file declaring %s is decoded by its declaration', async (encoding) => {
    const text = encoding === 'ISO-8859-1' ? body(encoding).replace('营业执照办理', 'Café licence').replace('申请', 'Début').replace('审核', 'Révision') : body(encoding);
    const bytes = iconv.encode(text, encoding);
    const result = await compileDeployment(bytes);
    if (!result.ok) throw new Error(result.problems.map((entry) => entry.message).join('; '));
    const model = result.processes[0];
    if (encoding === 'ISO-8859-1') expect(model.name).toBe('Café licence');
    else {
      expect(model.name).toBe('营业执照办理');
      expect(model.elements.get('review')?.name).toBe('审核');
    }
  });

  test('text that was decoded already (a JSON string) is taken as it is, whatever its declaration says', async () => {
    const result = await compileDeployment(body('GBK'));
    expect(result.ok).toBe(true);
    const latin = await compileDeployment(body('ISO-8859-1'));
    expect(latin.ok).toBe(true);
  });

  test('bytes that are not what the file declares, or an unknown encoding, are refused with a reason, never guessed', async () => {
    const gbkWithoutDeclaration = iconv.encode(body('UTF-8'), 'GBK');
    const wrong = await compileDeployment(gbkWithoutDeclaration);
    expect(wrong).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'xml.encoding', line: expect.any(Number) })] });
    const unknown = await compileDeployment(Buffer.from(body('KLINGON-8')));
    expect(unknown).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'xml.encoding' })] });
  });

  test('a UTF-16 file with its byte order mark is read', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(body('UTF-16'), 'utf-16le')]);
    const result = await compileDeployment(bytes);
    expect(result.ok).toBe(true);
  });
});
