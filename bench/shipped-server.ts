/**
 * The shipped server (`dist/api/main.js`, as `npm start` runs it: SLA module on, job executor and SLA monitor
 * running) in a process of its own, for the scale-out, RSS and history benchmarks. Built first when stale.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
// @ts-expect-error: the build script is plain JavaScript
import { buildWhatIsStale } from '../scripts/build.mjs';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface ShippedServer {
  url: string;
  /** Printed by the first server on an empty database only. */
  adminToken?: string;
  process: ChildProcess;
  /** Milliseconds from spawn to "running at" (migrations, caches and samples done). */
  startMs: number;
  /** The server's CPU time to "running at", in milliseconds: the start's own cost, whatever else the machine runs. */
  startCpuMs: number;
  stop(): Promise<void>;
}

export function buildIfStale(): void {
  const built = buildWhatIsStale() as string[];
  if (built.length > 0) console.log(`Built: ${built.join(', ')}`);
}

/** Starts one server on `databaseUrl`; resolves once it prints its URL (and the administrator token, when `expectToken`). */
export function startShippedServer(databaseUrl: string, options: { expectToken?: boolean; env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<ShippedServer> {
  const started = Date.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(ROOT, 'dist/api/main.js')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', MATTERFLOW_SAMPLES: 'false', LOG_LEVEL: 'warn', MATTERFLOW_AUTH_FAILURE_LIMIT: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready:\n${output}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      const adminToken = /Administrator token[^:]*: (\S+)/.exec(output)?.[1];
      if (url && (adminToken || !options.expectToken) && /\n\n/.test(output.slice(output.indexOf('running at')))) {
        resolve({ url, adminToken, process: child, startMs: Date.now() - started, startCpuMs: cpuMicros(child.pid!) / 1000, stop });
      }
    });
  });
}

/** A process's resident set size in MB (Linux /proc). */
export function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** A process's CPU time so far, in microseconds (Linux /proc: utime + stime in clock ticks). */
export function cpuMicros(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100;
}

/** One API call as a client would make it; a non-2xx answer throws with the body. */
export async function api<T>(baseUrl: string, token: string, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : typeof body === 'string' ? { 'content-type': 'application/xml' } : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** An integrator of one department with a token, as a portal calls the API (the administrator reads everything). */
export async function portalToken(baseUrl: string, adminToken: string): Promise<string> {
  await api(baseUrl, adminToken, 'POST', '/users', { id: 'bench-portal', name: '压测门户', department: 'SCJGJ', roles: ['integrator', 'designer', 'staff'] });
  return (await api<{ token: string }>(baseUrl, adminToken, 'POST', '/users/bench-portal/tokens', { label: 'bench' })).token;
}
