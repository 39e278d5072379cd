import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { deployExamples, seedDevTokens } from '../../api/seed.js';
import { startServer, type RunningServer } from '../../api/server.js';

const run = promisify(execFile);
const root = path.resolve(new URL('../..', import.meta.url).pathname);

/** The README's curl walk-through, run verbatim (but for the address and data folder) against a fresh server. */
describe('README walk-through', () => {
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-readme-'));
    server = await startServer({ port: 0, dataDir, log: pino({ level: 'silent' }) });
    await deployExamples(server.context);
    await seedDevTokens(server.context, dataDir);
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('every step of the curl block works and the case ends completed', async () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const block = /## The API in one walk-through[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const script = block!.replaceAll('http://localhost:3000', server.url).replaceAll('./.matterflow/data', dataDir);
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: root, timeout: 60_000 });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('{"status":"ok","database":"pglite"}');
    expect(stdout).toContain('"unchanged":true');
    expect(stdout).toMatch(/"businessKey":"SP-2026-0001"/);
    expect(lines).toContain('completed');
    expect(lines[lines.length - 1]).toMatch(/instance\.completed/);
    expect(stdout).toMatch(/userTask\.completed 送达/);
  });
});
