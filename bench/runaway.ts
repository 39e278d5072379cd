/**
 * Runaway models (issue 16): how long a command that hits the step budget or the FEEL cost budget
 * takes, how long it holds the event loop, and how long an ordinary start waits behind it, on
 * PostgreSQL (DATABASE_URL, else the local server) and on PGlite in memory.
 *   loop       a cycle of flows without a wait state: stops after COMMAND_STEP_BUDGET steps
 *   fork-loop  a parallel fork inside a loop (tokens double)
 *   feel-loop  `for i in 1..3000000`: stops at the FEEL cost budget
 *   feel-fib   an exponential recursive FEEL function
 *   esp-loop   an error event subprocess that throws the error it catches
 * Prints figures; asserts nothing. Run: npx tsx bench/runaway.ts   (BENCH_TARGETS=postgres,pglite)
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createScratchDatabase, Engine, engineMigrations, migrate, PgliteDatabase, PostgresDatabase, type Actor, type Database } from '../engine/index.js';
import { COMMAND_STEP_BUDGET } from '../engine/runtime/execution.js';
import { FEEL_COMMAND_BUDGET, FEEL_COST_BUDGET } from '../engine/expressions/index.js';

const TARGETS = (process.env.BENCH_TARGETS ?? 'postgres,pglite').split(',');
const actor: Actor = { userId: 'bench', department: 'BENCH', roles: ['admin'] };

const wrap = (id: string, body: string, roots = '') => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d_${id}" targetNamespace="http://matterflow.dev/bench">
${roots}<process id="${id}" isExecutable="true">${body}</process></definitions>`;
const flow = (source: string, target: string, condition?: string) =>
  `<sequenceFlow id="${source}-${target}-${Math.random().toString(36).slice(2, 7)}" sourceRef="${source}" targetRef="${target}">${condition ? `<conditionExpression>${condition}</conditionExpression>` : ''}</sequenceFlow>`;

const MODELS: Record<string, string> = {
  loop: wrap('loop', `<startEvent id="s"/><task id="t"/><exclusiveGateway id="g" default="out"/><endEvent id="e"/>${flow('s', 't')}${flow('t', 'g')}${flow('g', 't', '=true')}<sequenceFlow id="out" sourceRef="g" targetRef="e"/>`),
  'fork-loop': wrap('fork-loop', `<startEvent id="s"/><exclusiveGateway id="m"/><parallelGateway id="f"/>${flow('s', 'm')}${flow('m', 'f')}${flow('f', 'm')}${flow('f', 'm')}`),
  'feel-loop': wrap('feel-loop', `<startEvent id="s"/><scriptTask id="x"><extensionElements><zeebe:script expression="=count(for i in 1..3000000 return i)" resultVariable="r"/></extensionElements></scriptTask><userTask id="u"/>${flow('s', 'x')}${flow('x', 'u')}`),
  'feel-fib': wrap('feel-fib', `<startEvent id="s"/><scriptTask id="x"><extensionElements><zeebe:script expression="={f: function(n) if n &lt; 2 then n else f(n - 1) + f(n - 2)}.f(40)" resultVariable="r"/></extensionElements></scriptTask><userTask id="u"/>${flow('s', 'x')}${flow('x', 'u')}`),
  'esp-loop': wrap(
    'esp-loop',
    `<startEvent id="s"/><endEvent id="boom"><errorEventDefinition errorRef="E"/></endEvent>${flow('s', 'boom')}
    <subProcess id="esp" triggeredByEvent="true"><startEvent id="caught"><errorEventDefinition errorRef="E"/></startEvent><endEvent id="again"><errorEventDefinition errorRef="E"/></endEvent>${flow('caught', 'again')}</subProcess>`,
    '<error id="E" errorCode="E1"/>',
  ),
  ordinary: wrap('ordinary', `<startEvent id="s"/><userTask id="u"/>${flow('s', 'u')}`),
};

async function measure(target: string, db: Database): Promise<void> {
  await migrate(db, [engineMigrations]);
  const engine = new Engine(db);
  for (const xml of Object.values(MODELS)) await engine.deploy({ xml, actor });
  await engine.startInstance({ processId: 'ordinary', actor }); // warm up
  for (const name of Object.keys(MODELS).filter((id) => id !== 'ordinary')) {
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const started = performance.now();
    const runaway = engine.startInstance({ processId: name, actor });
    // An ordinary start sent while the runaway command runs: how long it waits.
    const ordinaryStarted = performance.now();
    const ordinary = engine.startInstance({ processId: 'ordinary', actor }).then(() => performance.now() - ordinaryStarted);
    const row = await runaway;
    const total = performance.now() - started;
    const waited = await ordinary;
    lag.disable();
    const incidents = await engine.listIncidents(actor, { instanceId: row.id });
    console.log(
      `${target.padEnd(8)} ${name.padEnd(10)} command ${total.toFixed(0).padStart(6)} ms  event loop held up to ${(lag.max / 1e6).toFixed(0).padStart(5)} ms  ordinary start ${waited.toFixed(0).padStart(6)} ms  incident: ${incidents.map((incident) => `${incident.error_type} at ${incident.element_id}`).join(', ') || 'none'}`,
    );
  }
}

console.log(`step budget ${COMMAND_STEP_BUDGET} steps per command; FEEL cost budget ${FEEL_COST_BUDGET} units per evaluation, ${FEEL_COMMAND_BUDGET} per command`);
for (const target of TARGETS) {
  if (target === 'postgres') {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres', 'mf_bench');
    const db = new PostgresDatabase(scratch.url, 8);
    try {
      await measure('postgres', db);
    } finally {
      await db.close();
      await scratch.drop();
    }
  } else {
    const db = await PgliteDatabase.open();
    try {
      await measure('pglite', db);
    } finally {
      await db.close();
    }
  }
}
