import fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

// The embedded database folder's lock, apart from PGlite so that `npm start` can ask "is the folder in use?"
// before it loads anything heavy (scripts/start.mjs, api/start-checks.ts).

/** Who holds a data folder: written into the lock when it is taken. */
export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Raised when a second process tries to open a PGlite folder that another one holds. */
export class DataFolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly owner?: LockOwner,
  ) {
    super(
      `The embedded database folder ${folder} is in use by another Matterflow process${owner ? ` (PID ${owner.pid} on ${owner.host}, since ${owner.since})` : ''}. ` +
        `Stop that process, or set MATTERFLOW_DATA to another folder, or set DATABASE_URL to use a PostgreSQL server. ` +
        `（嵌入式数据库目录正被另一个 Matterflow 进程使用：请先停止该进程，或用 MATTERFLOW_DATA 指定其他目录，或用 DATABASE_URL 连接 PostgreSQL 服务器。）`,
    );
    this.name = 'DataFolderLockedError';
  }
}

/** Folders this process holds: its own PID in an owner file is a previous life's only for the others. */
const heldHere = new Set<string>();
const LOCK_NAME = '.matterflow.lock';
const OWNER_NAME = '.matterflow.lock.owner';
// Only a fallback now (an owner on another host cannot be checked), so generous: the first
// start's initdb blocks the event loop for seconds, and a lock must not be lost to that.
const STALE_MS = 120_000;

/**
 * Takes the folder's lock (proper-lockfile: an atomic mkdir, its mtime renewed while we live)
 * and records the owner in it. A lock whose recorded owner is a process on this host that no
 * longer runs (kill -9, a crash, a container restart that reuses our PID) is taken over at
 * once instead of after the staleness period.
 */
export async function lockFolder(folder: string): Promise<() => Promise<void>> {
  const lockPath = path.join(folder, LOCK_NAME);
  const ownerPath = path.join(folder, OWNER_NAME);
  const take = () =>
    lockfile.lock(folder, {
      lockfilePath: lockPath,
      stale: STALE_MS,
      update: 10_000,
      // The owner file says who holds it; a late mtime update is no reason to crash the server.
      onCompromised: () => undefined,
    });
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
    const owner = readOwner(ownerPath);
    if (!owner || heldHere.has(folder) || ownerAlive(owner)) throw new DataFolderLockedError(folder, owner);
    fs.rmSync(lockPath, { recursive: true, force: true });
    try {
      release = await take();
    } catch (retry) {
      if ((retry as { code?: string }).code === 'ELOCKED') throw new DataFolderLockedError(folder, readOwner(ownerPath));
      throw retry;
    }
  }
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  fs.writeFileSync(ownerPath, JSON.stringify(owner));
  heldHere.add(folder);
  return async () => {
    heldHere.delete(folder);
    fs.rmSync(ownerPath, { force: true });
    await release();
  };
}

function readOwner(ownerPath: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(ownerPath, 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the recorded owner may still run. Another host's process cannot be checked: assumed alive. */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return false; // our own PID, recorded by a previous life of this container
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
  // The PID runs: is it a Node process at all (a PID reused by something else is not our owner)?
  try {
    return fs.readFileSync(`/proc/${owner.pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

/**
 * Who holds the folder now, without taking it: the recorded owner while its lock exists and the owner may
 * still run; undefined when the folder is free (or its owner died, whose lock a start takes over).
 */
export function folderHolder(folder: string): LockOwner | undefined {
  if (!fs.existsSync(path.join(folder, LOCK_NAME))) return undefined;
  const owner = readOwner(path.join(folder, OWNER_NAME));
  return owner && ownerAlive(owner) ? owner : undefined;
}
