/**
 * In-memory interpretation: Matterflow's pure interpreter against the npm package bpmn-engine
 * (v25) on the same three models, in the same process and run. Prints instances/s and the
 * ratio; never asserts times.
 *
 * - straight-through: start → service task → exclusive gateway → end
 * - user task:        start → user task → end
 * - parallel:         start → fork → 10 service tasks → join → end
 *
 * Matterflow: startInstance + one completeWaitingElement per job/task (full history effects,
 * state cloned per command as the store sees it). bpmn-engine: definitions parsed once into a
 * serialized source context shared by every instance; the service task is a service function,
 * the user task is signalled on its wait event.
 */
import { EventEmitter } from 'node:events';
import { Engine as BpmnEngine } from 'bpmn-engine';
import { compileDeployment, type ProcessModel } from '../engine/model/index.js';
import { completeWaitingElement, startInstance, type InstanceState } from '../engine/runtime/index.js';

const BPMN_NS = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

interface Flavour {
  service(id: string): string;
  condition(): string;
}

const matterflow: Flavour = {
  service: (id) => `<serviceTask id="${id}"><extensionElements><zeebe:taskDefinition type="check"/></extensionElements></serviceTask>`,
  condition: () => '=approved = true',
};
const peer: Flavour = {
  service: (id) => `<serviceTask id="${id}" implementation="\${environment.services.check}"/>`,
  condition: () => '${environment.variables.approved}',
};

const MODELS: Record<string, (flavour: Flavour) => string> = {
  'straight-through': (f) =>
    wrap(`<startEvent id="start"/>${f.service('svc')}<exclusiveGateway id="xor" default="toNo"/><endEvent id="yes"/><endEvent id="no"/>
      <sequenceFlow id="f1" sourceRef="start" targetRef="svc"/><sequenceFlow id="f2" sourceRef="svc" targetRef="xor"/>
      <sequenceFlow id="toYes" sourceRef="xor" targetRef="yes"><conditionExpression xsi:type="tFormalExpression">${f.condition()}</conditionExpression></sequenceFlow>
      <sequenceFlow id="toNo" sourceRef="xor" targetRef="no"/>`),
  'user task': () =>
    wrap(`<startEvent id="start"/><userTask id="task"/><endEvent id="end"/>
      <sequenceFlow id="f1" sourceRef="start" targetRef="task"/><sequenceFlow id="f2" sourceRef="task" targetRef="end"/>`),
  '10-branch parallel': (f) => {
    const branches = Array.from({ length: 10 }, (_, index) => `b${index}`);
    return wrap(`<startEvent id="start"/><parallelGateway id="fork"/><parallelGateway id="join"/><endEvent id="end"/>
      ${branches.map((id) => f.service(id)).join('')}
      <sequenceFlow id="f0" sourceRef="start" targetRef="fork"/><sequenceFlow id="fe" sourceRef="join" targetRef="end"/>
      ${branches.map((id) => `<sequenceFlow id="in-${id}" sourceRef="fork" targetRef="${id}"/><sequenceFlow id="out-${id}" sourceRef="${id}" targetRef="join"/>`).join('')}`);
  },
};

function wrap(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><definitions ${BPMN_NS} id="d" targetNamespace="http://bench"><process id="bench" isExecutable="true">${body}</process></definitions>`;
}

async function compiled(xml: string): Promise<ProcessModel> {
  const result = await compileDeployment(xml);
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('; '));
  return result.processes[0];
}

/** Runs `one` repeatedly for about `seconds` (after a warm-up) and returns instances per second. */
async function measure(seconds: number, one: () => Promise<void> | void): Promise<number> {
  const warmUpUntil = Date.now() + 300;
  while (Date.now() < warmUpUntil) await one();
  const start = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  let count = 0;
  while (Date.now() < deadline) {
    await one();
    count++;
  }
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

function runMatterflow(model: ProcessModel): void {
  const now = new Date();
  const started = startInstance(model, { approved: true }, now);
  if (!started.ok) throw new Error(started.reason);
  let state: InstanceState = started.state;
  while (state.status === 'active') {
    const next = state.waiting[0];
    if (!next) throw new Error('stuck');
    const step = completeWaitingElement(model, state, next.id, {}, now);
    if (!step.ok) throw new Error(step.reason);
    state = step.state;
  }
}

async function runPeer(sourceContext: unknown): Promise<void> {
  const listener = new EventEmitter();
  listener.on('wait', (api: { signal(payload?: unknown): void }) => api.signal({}));
  const engine = new BpmnEngine({ name: 'bench', sourceContext } as ConstructorParameters<typeof BpmnEngine>[0]);
  await new Promise<void>((resolve, reject) => {
    engine.once('end', () => resolve());
    engine.once('error', reject);
    engine
      .execute({
        listener,
        variables: { approved: true },
        services: { check: (_context: unknown, next: (error: Error | null, result?: unknown) => void) => next(null, { ok: true }) },
      } as unknown as Parameters<BpmnEngine['execute']>[0])
      .catch(reject);
  });
}

async function peerSourceContext(xml: string): Promise<unknown> {
  // Parsed and serialized once; every instance below starts from this context (no XML parsing).
  const template = new BpmnEngine({ name: 'template' }) as unknown as { _serializeSource(source: string): Promise<unknown> };
  return template._serializeSource(xml);
}

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
console.log(`node ${process.version}; each measurement ~${seconds}s after a warm-up (BENCH_SECONDS to change)`);
console.log(`${'model'.padEnd(20)} ${'matterflow /s'.padStart(14)} ${'bpmn-engine /s'.padStart(15)} ${'ratio'.padStart(8)}`);
for (const [name, build] of Object.entries(MODELS)) {
  const model = await compiled(build(matterflow));
  const sourceContext = await peerSourceContext(build(peer));
  await runPeer(sourceContext); // fails loudly if the peer model does not run to its end
  const ours = await measure(seconds, () => runMatterflow(model));
  const theirs = await measure(seconds, () => runPeer(sourceContext));
  console.log(`${name.padEnd(20)} ${ours.toFixed(0).padStart(14)} ${theirs.toFixed(1).padStart(15)} ${`${(ours / theirs).toFixed(0)}×`.padStart(8)}`);
}
