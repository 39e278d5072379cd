import { createHash } from 'node:crypto';
import type { Actor } from '../../engine/index.js';
import type { Catalog } from '../catalog.js';
import type { ProcessRef } from '../model.js';
import { fillTemplate, type ProcessTemplate } from './process-templates.js';

/** Who deploys a template for a department (on its first case, and again when the shipped template changed). */
export const TEMPLATE_DEPLOYER = 'catalog';

/** Per catalog: the template processes already found current since this server started (a new build restarts it). */
const current = new WeakMap<Catalog, Set<string>>();

/**
 * Makes the department's template process current before a case starts: deployed on its first case, and deployed
 * again when the template this build ships differs from the one deployed earlier, so a new clock or step rule reaches
 * new cases without anyone redeploying (running cases keep their version). A version a person deployed is the
 * department's own (it took the template over and edited it): it is left alone.
 */
export async function ensureTemplateDeployed(catalog: Catalog, template: ProcessTemplate, process: ProcessRef): Promise<void> {
  const checked = current.get(catalog) ?? new Set<string>();
  current.set(catalog, checked);
  const key = `${process.department}/${process.processId}`;
  if (checked.has(key)) return;
  const [latest] = await catalog.db.query<{ xml_hash: string; created_by: string }>(
    `SELECT d.xml_hash, x.created_by FROM process_definitions d JOIN deployments x ON x.id = d.deployment_id
     WHERE d.process_id = $1 AND d.department = $2 ORDER BY d.version DESC LIMIT 1`,
    [process.processId, process.department],
  );
  if (latest && latest.created_by !== TEMPLATE_DEPLOYER) {
    checked.add(key);
    return;
  }
  const [organisation] = await catalog.db.query<{ name: string }>('SELECT name FROM catalog_organisations WHERE code = $1', [process.department]);
  const xml = fillTemplate(template, { department: process.department, unitName: organisation?.name });
  if (latest?.xml_hash !== createHash('sha256').update(xml).digest('hex')) {
    const system: Actor = { userId: TEMPLATE_DEPLOYER, department: process.department, roles: ['designer'] };
    await catalog.engine.deploy({ xml, name: `${process.processId}.bpmn`, actor: system });
  }
  checked.add(key);
}
