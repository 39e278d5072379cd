import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { refusalBeforeStart } from '../../api/start-checks.js';

const main = new URL('../../api/main.ts', import.meta.url).pathname;

interface Exit {
  code: number | null;
  stderr: string;
}

/** The server as `npm start` runs it (from source here), embedded database in `folder`. */
function server(folder: string, port: number): { child: ChildProcess; exit: Promise<Exit>; url: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, DATABASE_URL: '', MATTERFLOW_DATA: folder, PORT: String(port), MATTERFLOW_SAMPLES: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<Exit>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /running at (http:\/\/\S+)/.exec(stdout)?.[1];
      if (found) resolve(found);
    });
    void exit.then(({ code }) => reject(new Error(`the server exited (${code}): ${stderr}`)));
  });
  url.catch(() => undefined);
  return { child, exit, url };
}

/** A refusal is one line (no stack trace), in English and in Chinese. */
function expectOneLine(text: string, english: RegExp, chinese: RegExp): void {
  const lines = text.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(english);
  expect(lines[0]).toMatch(chinese);
  expect(lines[0]).not.toMatch(/\bat .+:\d+:\d+/);
}

describe('a second start', () => {
  let folder: string;
  let other: string;
  let first: ReturnType<typeof server>;
  let port: number;
  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-start-'));
    other = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-start-other-'));
    first = server(folder, 0);
    port = Number(new URL(await first.url).port);
  }, 180_000); // the first server creates a PGlite folder: slow on a loaded machine
  afterAll(async () => {
    first.child.kill('SIGTERM');
    await first.exit;
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(other, { recursive: true, force: true });
  });

  test('on the same embedded folder: one line saying the folder is in use and by whom, exit code 2', async () => {
    const second = await server(folder, 0).exit;
    expect(second.code).toBe(2);
    expectOneLine(second.stderr, new RegExp(`folder ${folder} is in use by another Matterflow process \\(PID ${first.child.pid}`), /目录正被另一个 Matterflow 进程使用/);
  });

  test('on a busy port: one line naming the port, exit code 2', async () => {
    const second = await server(other, port).exit;
    expect(second.code).toBe(2);
    expectOneLine(second.stderr, new RegExp(`Port ${port} on 127.0.0.1 is already in use`), new RegExp(`端口 ${port} 已被占用`));
  });

  test('npm start asks both before it builds or loads anything, and lets a free start go on', async () => {
    expect(await refusalBeforeStart({ MATTERFLOW_DATA: folder, PORT: '0' })).toMatch(/is in use by another Matterflow process.*正被另一个 Matterflow 进程使用/);
    expect(await refusalBeforeStart({ MATTERFLOW_DATA: other, PORT: String(port) })).toMatch(new RegExp(`Port ${port} .*端口 ${port} 已被占用`));
    expect(await refusalBeforeStart({ MATTERFLOW_DATA: other, PORT: '0' })).toBeUndefined();
    // A PostgreSQL start does not care about the embedded folder.
    expect(await refusalBeforeStart({ MATTERFLOW_DATA: folder, PORT: '0', DATABASE_URL: 'postgresql://nowhere/none' })).toBeUndefined();
  });
});
