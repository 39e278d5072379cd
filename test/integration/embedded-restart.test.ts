import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataFolderLockedError, PgliteDatabase } from '../../engine/index.js';

const holder = new URL('../support/hold-data-folder.ts', import.meta.url).pathname;

/** A separate process that opens the folder and holds it. */
async function holdFolder(folder: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', holder, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

describe('the embedded database folder after a kill -9', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-lock-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  test('a live owner keeps it, and the refusal names its PID and host', async () => {
    const child = await holdFolder(folder);
    try {
      const error = await PgliteDatabase.open(folder).then(
        (db) => db.close(),
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(DataFolderLockedError);
      expect((error as DataFolderLockedError).owner).toMatchObject({ pid: child.pid, host: os.hostname() });
      expect((error as Error).message).toContain(`PID ${child.pid}`);
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000); // PGlite folders (initdb in WebAssembly) are slow on a loaded machine

  test('a restart takes over at once from an owner that was killed, and the data is there', async () => {
    const child = await holdFolder(folder);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // Waiting out the lock's staleness (two minutes) would outlast the test's time limit: opening
    // at all means the dead owner was recognised. No timed assertion, so a loaded machine cannot fail it.
    const db = await PgliteDatabase.open(folder);
    try {
      expect(await db.query<{ n: number }>('SELECT n FROM marks')).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  }, 180_000);
});
