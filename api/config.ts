import path from 'node:path';

/** Configuration from the environment, with defaults that make `npm start` work on a fresh machine. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /**
   * Load the sample catalog, deploy examples/*.bpmn (and, embedded, create the sample users):
   * MATTERFLOW_SAMPLES=true|false; by default only on the embedded database, never into a
   * PostgreSQL server that may be a production one.
   */
  samples: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not '${env.PORT}'`);
  const samples = env.MATTERFLOW_SAMPLES;
  if (samples !== undefined && samples !== 'true' && samples !== 'false') throw new Error(`MATTERFLOW_SAMPLES must be true or false, not '${samples}'`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir: path.resolve(env.MATTERFLOW_DATA ?? '.matterflow/data'),
    samples: samples === undefined ? !env.DATABASE_URL : samples === 'true',
  };
}
