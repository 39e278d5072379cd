import { dropTemplates, TEST_RUN_VARIABLE } from './global-setup.mjs';

/** After the run: its template databases go. */
export default async function globalTeardown() {
  const run = process.env[TEST_RUN_VARIABLE];
  const serverUrl = process.env.DATABASE_URL;
  if (run && serverUrl) await dropTemplates(serverUrl, (candidate) => candidate === run);
}
