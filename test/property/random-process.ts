import fc from 'fast-check';
import { processXml } from '../engine/support/bpmn.js';

/**
 * Random valid processes for the replay tests: blocks of every element kind the generator
 * knows, nested in sequences, gateways and subprocesses, written as BPMN XML.
 */
export type Leaf =
  | { type: 'task'; kind: 'user' | 'service' | 'script' | 'manual' | 'none'; boundary: 'none' | 'timer' | 'timerRepeating' | 'message' | 'error' }
  | { type: 'timer' }
  | { type: 'message' }
  | { type: 'multiInstance'; sequential: boolean; count: number; earlyCompletion: boolean }
  | { type: 'eventGateway' }
  | { type: 'compensation' };
export type Block = Leaf | { type: 'sequence'; items: Block[] } | { type: 'parallel' | 'exclusive' | 'inclusive'; items: Block[] } | { type: 'subProcess'; body: Block; boundary: 'none' | 'timer' | 'message' };

const leaf: fc.Arbitrary<Block> = fc.oneof(
  fc.record({
    type: fc.constant('task' as const),
    kind: fc.constantFrom('user' as const, 'service' as const, 'script' as const, 'manual' as const, 'none' as const),
    boundary: fc.constantFrom('none' as const, 'none' as const, 'timer' as const, 'timerRepeating' as const, 'message' as const, 'error' as const),
  }),
  fc.record({ type: fc.constant('timer' as const) }),
  fc.record({ type: fc.constant('message' as const) }),
  fc.record({ type: fc.constant('multiInstance' as const), sequential: fc.boolean(), count: fc.integer({ min: 0, max: 3 }), earlyCompletion: fc.boolean() }),
  fc.record({ type: fc.constant('eventGateway' as const) }),
  fc.record({ type: fc.constant('compensation' as const) }),
);

export const { block } = fc.letrec<{ block: Block }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    leaf,
    fc.record({ type: fc.constant('sequence' as const), items: fc.array(tie('block'), { minLength: 2, maxLength: 3 }) }),
    fc.record({ type: fc.constantFrom('parallel' as const, 'exclusive' as const, 'inclusive' as const), items: fc.array(tie('block'), { minLength: 2, maxLength: 3 }) }),
    fc.record({ type: fc.constant('subProcess' as const), body: tie('block'), boundary: fc.constantFrom('none' as const, 'timer' as const, 'message' as const) }),
  ),
}));

export const scenario = fc.record({
  body: block,
  eventSubProcess: fc.constantFrom('none', 'timer', 'message', 'messageInterrupting'),
  v: fc.integer({ min: 0, max: 3 }),
  choices: fc.array(fc.nat({ max: 1000 }), { minLength: 0, maxLength: 60 }),
});

/** Writes a block as BPMN; returns the ids where a token enters and leaves it. */
class Writer {
  private next = 0;
  readonly parts: string[] = [];

  id(prefix: string): string {
    return `${prefix}${++this.next}`;
  }

  flow(source: string, target: string, condition?: string): string {
    const id = this.id('f');
    this.parts.push(condition ? `<sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><conditionExpression>${condition}</conditionExpression></sequenceFlow>` : `<sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"/>`);
    return id;
  }

  write(node: Block): { entry: string; exit: string } {
    switch (node.type) {
      case 'task':
        return this.task(node);
      case 'timer': {
        const id = this.id('timer');
        this.parts.push(`<intermediateCatchEvent id="${id}"><timerEventDefinition><timeDuration>PT${1 + (this.next % 5)}H</timeDuration></timerEventDefinition></intermediateCatchEvent>`);
        return { entry: id, exit: id };
      }
      case 'message': {
        const id = this.id('catch');
        this.parts.push(`<intermediateCatchEvent id="${id}"><messageEventDefinition messageRef="msg"/></intermediateCatchEvent>`);
        return { entry: id, exit: id };
      }
      case 'multiInstance': {
        const id = this.id('mi');
        const condition = node.earlyCompletion ? '<completionCondition>=numberOfCompletedInstances &gt;= 1</completionCondition>' : '';
        this.parts.push(
          `<userTask id="${id}"><multiInstanceLoopCharacteristics isSequential="${node.sequential}"><extensionElements><zeebe:loopCharacteristics inputCollection="=[${Array.from({ length: node.count }, (_, index) => index + 1).join(',')}]" inputElement="item" outputCollection="out${id}" outputElement="=item"/></extensionElements>${condition}</multiInstanceLoopCharacteristics></userTask>`,
        );
        return { entry: id, exit: id };
      }
      case 'eventGateway': {
        const gateway = this.id('eg');
        const message = this.id('egm');
        const timer = this.id('egt');
        const join = this.id('xj');
        this.parts.push(
          `<eventBasedGateway id="${gateway}"/><intermediateCatchEvent id="${message}"><messageEventDefinition messageRef="msg"/></intermediateCatchEvent><intermediateCatchEvent id="${timer}"><timerEventDefinition><timeDuration>PT30M</timeDuration></timerEventDefinition></intermediateCatchEvent><exclusiveGateway id="${join}"/>`,
        );
        this.flow(gateway, message);
        this.flow(gateway, timer);
        this.flow(message, join);
        this.flow(timer, join);
        return { entry: gateway, exit: join };
      }
      case 'compensation': {
        // a job that can be undone, then a throw that undoes it (its handler is a job too)
        const id = this.id('pay');
        const boundary = this.id('cb');
        const handler = this.id('undo');
        const thrower = this.id('comp');
        const job = '<extensionElements><zeebe:taskDefinition type="work"/></extensionElements>';
        this.parts.push(
          `<serviceTask id="${id}">${job}</serviceTask><boundaryEvent id="${boundary}" attachedToRef="${id}"><compensateEventDefinition/></boundaryEvent><serviceTask id="${handler}" isForCompensation="true">${job}</serviceTask><association id="${this.id('as')}" sourceRef="${boundary}" targetRef="${handler}"/><intermediateThrowEvent id="${thrower}"><compensateEventDefinition/></intermediateThrowEvent>`,
        );
        this.flow(id, thrower);
        return { entry: id, exit: thrower };
      }
      case 'sequence': {
        const written = node.items.map((item) => this.write(item));
        for (let index = 1; index < written.length; index++) this.flow(written[index - 1].exit, written[index].entry);
        return { entry: written[0].entry, exit: written[written.length - 1].exit };
      }
      case 'parallel':
      case 'exclusive':
      case 'inclusive': {
        const tag = node.type === 'parallel' ? 'parallelGateway' : node.type === 'exclusive' ? 'exclusiveGateway' : 'inclusiveGateway';
        const split = this.id('split');
        const join = this.id('join');
        const written = node.items.map((item) => this.write(item));
        const flows: string[] = [];
        written.forEach((branch, index) => {
          const isDefault = node.type !== 'parallel' && index === written.length - 1;
          const condition = node.type === 'parallel' || isDefault ? undefined : node.type === 'exclusive' ? `=v = ${index}` : `=v &gt;= ${index}`;
          flows.push(this.flow(split, branch.entry, condition));
          this.flow(branch.exit, join);
        });
        const defaultFlow = node.type === 'parallel' ? '' : ` default="${flows[flows.length - 1]}"`;
        this.parts.push(`<${tag} id="${split}"${defaultFlow}/><${tag} id="${join}"/>`);
        return { entry: split, exit: join };
      }
      case 'subProcess': {
        const id = this.id('sub');
        const inner = new Writer();
        inner.next = this.next * 100;
        const start = inner.id('s');
        const end = inner.id('e');
        const body = inner.write(node.body);
        inner.flow(start, body.entry);
        inner.flow(body.exit, end);
        this.next = inner.next;
        this.parts.push(`<subProcess id="${id}"><startEvent id="${start}"/><endEvent id="${end}"/>${inner.parts.join('')}</subProcess>`);
        return { entry: id, exit: this.boundary(id, node.boundary) };
      }
    }
  }

  private task(node: Extract<Leaf, { type: 'task' }>): { entry: string; exit: string } {
    const id = this.id('t');
    const job = '<extensionElements><zeebe:taskDefinition type="work"/></extensionElements>';
    const element = {
      user: `<userTask id="${id}"/>`,
      service: `<serviceTask id="${id}">${job}</serviceTask>`,
      script: `<scriptTask id="${id}"><extensionElements><zeebe:script expression="=v + 1" resultVariable="r${id}"/></extensionElements></scriptTask>`,
      manual: `<manualTask id="${id}"/>`,
      none: `<task id="${id}"/>`,
    }[node.kind];
    this.parts.push(element);
    const boundary = node.boundary === 'error' && node.kind !== 'service' ? 'none' : node.boundary;
    return { entry: id, exit: this.boundary(id, boundary) };
  }

  /**
   * An interrupting boundary path merges back after its host (an exclusive merge), so that a
   * parallel join downstream still gets exactly one token; a non-interrupting one ends apart.
   */
  private boundary(hostId: string, kind: string): string {
    if (kind === 'none') return hostId;
    const id = this.id('b');
    const definition = {
      timer: '<timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition>',
      timerRepeating: '<timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition>',
      message: '<messageEventDefinition messageRef="msg"/>',
      error: '<errorEventDefinition errorRef="err"/>',
    }[kind];
    if (kind === 'timerRepeating') {
      const end = this.id('be');
      this.parts.push(`<boundaryEvent id="${id}" attachedToRef="${hostId}" cancelActivity="false">${definition}</boundaryEvent><endEvent id="${end}"/>`);
      this.flow(id, end);
      return hostId;
    }
    const merge = this.id('merge');
    this.parts.push(`<boundaryEvent id="${id}" attachedToRef="${hostId}">${definition}</boundaryEvent><exclusiveGateway id="${merge}"/>`);
    this.flow(hostId, merge);
    this.flow(id, merge);
    return merge;
  }
}

export function modelXml(body: Block, eventSubProcess: string): string {
  const writer = new Writer();
  const written = writer.write(body);
  writer.flow('start', written.entry);
  writer.flow(written.exit, 'end');
  const esp =
    eventSubProcess === 'none'
      ? ''
      : `<subProcess id="esp" triggeredByEvent="true"><startEvent id="espStart"${eventSubProcess === 'messageInterrupting' ? '' : ' isInterrupting="false"'}>${
          eventSubProcess === 'timer' ? '<timerEventDefinition><timeDuration>PT3H</timeDuration></timerEventDefinition>' : '<messageEventDefinition messageRef="alert"/>'
        }</startEvent><userTask id="espTask"/><endEvent id="espEnd"/><sequenceFlow id="espF1" sourceRef="espStart" targetRef="espTask"/><sequenceFlow id="espF2" sourceRef="espTask" targetRef="espEnd"/></subProcess>`;
  const extra =
    '<message id="msg" name="go"><extensionElements><zeebe:subscription correlationKey="=key"/></extensionElements></message>' +
    '<message id="alert" name="alert"><extensionElements><zeebe:subscription correlationKey="=key"/></extensionElements></message><error id="err" errorCode="FAIL"/>';
  return processXml('random', `<startEvent id="start"/><endEvent id="end"/>${writer.parts.join('')}${esp}`, extra);
}

