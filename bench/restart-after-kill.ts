/**
 * Crash recovery as an operator sees it (issue 16), on the built server (`npm run build` first):
 * 1. embedded: `kill -9` a server on a PGlite folder and start it again, five rounds; prints how
 *    long each restart took until /api/v1/health said ready, and whether any start was refused;
 * 2. with DATABASE_URL: a server that locked due timers is killed; prints how late the survivor
 *    fired them (the executor lease, MATTERFLOW_EXECUTOR_LEASE_MS, bounds it).
 * Run: npx tsx bench/restart-after-kill.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '../engine/index.js';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const main = path.join(root, 'dist', 'api', 'main.js');
if (!fs.existsSync(main)) throw new Error('Build first: npm run build');

interface Running {
  child: ChildProcess;
  url: string;
  output: string;
}

/** Starts `node dist/api/main.js` and waits until it prints its address; rejects with its output if it exits. */
function startServer(env: Record<string, string>): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main], { env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/[^\s]+)/.exec(output)?.[1];
      if (url) resolve({ child, url, output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output.trim().split('\n').slice(-2).join(' ')}`)));
  });
}

async function untilReady(url: string): Promise<void> {
  for (;;) {
    const ok = await fetch(`${url}/api/v1/health`).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const kill = (running: Running) => new Promise((resolve) => (running.child.once('exit', resolve), running.child.kill('SIGKILL')));

async function embeddedRounds(rounds: number): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-kill-'));
  try {
    let running = await startServer({ MATTERFLOW_DATA: dataDir, MATTERFLOW_SAMPLES: 'false' });
    await untilReady(running.url);
    const times: number[] = [];
    let refused = 0;
    for (let round = 0; round < rounds; round++) {
      await kill(running);
      const started = performance.now();
      for (;;) {
        try {
          running = await startServer({ MATTERFLOW_DATA: dataDir, MATTERFLOW_SAMPLES: 'false' });
          break;
        } catch (error) {
          refused++;
          console.log(`  round ${round + 1}: refused: ${(error as Error).message.slice(0, 160)}`);
        }
      }
      await untilReady(running.url);
      times.push(performance.now() - started);
    }
    await kill(running);
    console.log(
      `embedded: ${rounds} kill -9 + restart rounds; refused starts: ${refused}; restart until ready: ` +
        `${times.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s (max ${(Math.max(...times) / 1000).toFixed(1)} s)`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const WAIT_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">
  <bpmn:process id="wait-briefly" isExecutable="true">
    <bpmn:startEvent id="Start"/>
    <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT6S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="End"/>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait"/>
    <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="End"/>
  </bpmn:process>
</bpmn:definitions>`;

async function timerTakeover(serverUrl: string, instances: number): Promise<void> {
  const scratch = await createScratchDatabase(serverUrl, 'mf_bench');
  const env = { DATABASE_URL: scratch.url, MATTERFLOW_EXECUTOR_POLL_MS: '200' };
  try {
    const first = await startServer(env);
    await untilReady(first.url);
    const token = /令牌（仅显示一次）: (\S+)/.exec(first.output)?.[1];
    if (!token) throw new Error('no administrator token printed');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await fetch(`${first.url}/api/v1/deployments`, { method: 'POST', headers: { ...auth, 'content-type': 'application/xml' }, body: WAIT_MODEL });
    const startedAt = Date.now();
    for (let index = 0; index < instances; index++) await fetch(`${first.url}/api/v1/process-instances`, { method: 'POST', headers: auth, body: JSON.stringify({ processId: 'wait-briefly' }) });
    // The last start's timer is due 6 s after it; kill the first server while it works through them (50 locked at a time).
    const due = Date.now() + 6000;
    console.log(`  ${instances} starts took ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    const completed = async (url: string) => ((await (await fetch(`${url}/api/v1/process-instances?processId=wait-briefly&status=completed&limit=500`, { headers: auth })).json()) as { items: unknown[] }).items.length;
    while (Date.now() < due || (await completed(first.url)) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await kill(first);
    const killedAt = Date.now();
    const second = await startServer(env);
    await untilReady(second.url);
    let done = await completed(second.url);
    while (done < instances) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      done = await completed(second.url);
    }
    console.log(
      `PostgreSQL: ${instances} timers due together, the server firing them killed ${((killedAt - due) / 1000).toFixed(1)} s after they were due; ` +
        `all fired by the restarted server ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill (lease ${process.env.MATTERFLOW_EXECUTOR_LEASE_MS ?? 10000} ms)`,
    );
    await kill(second);
  } finally {
    await scratch.drop();
  }
}

if (!process.argv.includes('--timers-only')) await embeddedRounds(5);
if (process.env.DATABASE_URL) await timerTakeover(process.env.DATABASE_URL, 300);
