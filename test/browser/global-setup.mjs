// Plain JavaScript: jest loads global set-up outside its ESM module mapping.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import globalSetup from '../support/global-setup.mjs';

/**
 * Once per browser-test run: build the designer from the source as it is today (never a stale
 * build), then the run id the database templates are named by. Every test file serves this build.
 * MATTERFLOW_SKIP_DESIGNER_BUILD=1 keeps the existing build (re-running one test while editing tests).
 */
export default async function browserGlobalSetup() {
  if (!process.env.MATTERFLOW_SKIP_DESIGNER_BUILD) {
    execFileSync(path.resolve('node_modules/.bin/vite'), ['build', '--config', 'designer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  await globalSetup();
}
