import path from 'node:path';

/** Configuration from the environment, with defaults that make `npm start` work on a fresh machine. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not '${env.PORT}'`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir: path.resolve(env.MATTERFLOW_DATA ?? '.matterflow/data'),
  };
}
