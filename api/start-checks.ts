import net from 'node:net';
import { DataFolderLockedError, folderHolder } from '../engine/db/data-folder-lock.js';
import { configFromEnv } from './config.js';
import { PortInUseError } from './port-in-use.js';

/**
 * Why this start cannot go on, asked before anything slow (the build check, loading the app, opening the
 * database): the embedded folder is held by a running Matterflow, or the port is taken. One line, English and
 * Chinese; undefined when nothing is in the way. The server checks both again for real (the lock, the listen):
 * this only makes the common mistake, a second `npm start`, answer at once. Imports nothing heavy.
 */
export async function refusalBeforeStart(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const config = configFromEnv(env);
  if (!config.databaseUrl) {
    const owner = folderHolder(config.dataDir);
    if (owner) return new DataFolderLockedError(config.dataDir, owner).message;
  }
  if (config.port !== 0 && !(await portFree(config.host, config.port))) return new PortInUseError(config.host, config.port).message;
  return undefined;
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code !== 'EADDRINUSE'));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}
