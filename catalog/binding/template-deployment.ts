import { createHash } from 'node:crypto';
import type { Actor } from '../../engine/index.js';
import type { Catalog } from '../catalog.js';
import type { ProcessRef } from '../model.js';
import { organisationName } from '../store/organisations.js';
import { latestDeployment } from '../store/template-deployments.js';
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
  const latest = await latestDeployment(catalog.db, process.processId, process.department);
  if (latest && latest.created_by !== TEMPLATE_DEPLOYER) {
    checked.add(key);
    return;
  }
  const unitName = await organisationName(catalog.db, process.department);
  const xml = fillTemplate(template, { department: process.department, unitName });
  if (latest?.xml_hash !== createHash('sha256').update(xml).digest('hex')) {
    const system: Actor = { userId: TEMPLATE_DEPLOYER, department: process.department, roles: ['designer'] };
    await catalog.engine.deploy({ xml, name: `${process.processId}.bpmn`, actor: system });
  }
  checked.add(key);
}
