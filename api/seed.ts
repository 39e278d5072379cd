import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { compileDeployment, fromProjectRoot, type Actor } from '../engine/index.js';
import type { User } from './auth/token-store.js';
import type { AppContext } from './context.js';

/**
 * Deploys every examples/*.bpmn for the department its process names (gov:handling); an
 * examples/X.dmn beside X.bpmn is deployed with it, in the same deployment (its decisions).
 */
export async function deployExamples(context: AppContext): Promise<string[]> {
  const folder = fromProjectRoot('examples');
  const deployed: string[] = [];
  for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.bpmn')).sort()) {
    const xml = fs.readFileSync(path.join(folder, file), 'utf8');
    const compiled = await compileDeployment(xml);
    if (!compiled.ok) throw new Error(`Example ${file} does not compile: ${compiled.problems.map((p) => p.message).join('; ')}`);
    const department = compiled.processes[0].gov.department ?? 'ZSJ';
    const actor: Actor = { userId: 'system', department, roles: ['admin'] };
    const dmn = path.join(folder, file.replace(/\.bpmn$/, '.dmn'));
    const decisions = fs.existsSync(dmn) ? [fs.readFileSync(dmn, 'utf8')] : [];
    const result = await context.engine.deploy({ xml, name: file, decisions, actor });
    deployed.push(...result.definitions.map((definition) => `${definition.process_id} v${definition.version} (${department})`));
    deployed.push(...result.decisions.map(({ definition }) => `decision ${definition.decision_id} v${definition.version} (${department})`));
  }
  return deployed;
}

export function sampleUsers(): User[] {
  const file = JSON.parse(fs.readFileSync(fromProjectRoot('examples', 'sample-users.json'), 'utf8')) as { users: User[] };
  return file.users;
}

/**
 * Embedded mode is for trying Matterflow: each sample user gets a token kept in clear in the
 * data folder (dev-tokens.json), so the same tokens work across restarts.
 */
export async function seedDevTokens(context: AppContext, dataDir: string): Promise<Array<{ user: User; token: string }>> {
  const file = path.join(dataDir, 'dev-tokens.json');
  const saved: Record<string, string> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const result: Array<{ user: User; token: string }> = [];
  for (const user of sampleUsers()) {
    await context.tokens.upsertUser(user);
    const token = (saved[user.id] ??= `mf_dev_${user.id}_${randomBytes(12).toString('base64url')}`);
    await context.tokens.registerToken(user.id, token, 'embedded sample token');
    result.push({ user, token });
  }
  fs.writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  return result;
}

/** On a server database with no administrator yet, creates one and returns its token once. */
export async function bootstrapAdmin(context: AppContext): Promise<string | undefined> {
  if (await context.engine.staff.store.hasAdministrator()) return undefined;
  const admin = sampleUsers().find((user) => user.id === 'admin');
  await context.tokens.upsertUser(admin ?? { id: 'admin', name: 'Administrator', department: 'ZSJ', roles: ['admin'], groups: [] });
  return context.tokens.createToken('admin', 'bootstrap');
}
