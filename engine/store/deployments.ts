import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../db/index.js';
import type { GovAttributes } from '../model/index.js';
import { jsonb } from './jsonb.js';
import type { DefinitionRow } from './rows.js';

/** The deployment a process or decision version belongs to: the file as it was sent, and its hash. */
export async function insertDeployment(tx: Db, deployment: { id: string; department: string; name: string | null; text: string; createdBy: string; createdAt: Date }): Promise<void> {
  await tx.query('INSERT INTO deployments (id, department, name, xml, xml_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    deployment.id,
    deployment.department,
    deployment.name,
    deployment.text,
    createHash('sha256').update(deployment.text).digest('hex'),
    deployment.createdBy,
    deployment.createdAt,
  ]);
}

/** A department's newest version of a process, if it deployed one. */
export async function latestDefinition(tx: Db, processId: string, department: string): Promise<DefinitionRow | undefined> {
  const [row] = await tx.query<DefinitionRow>('SELECT * FROM process_definitions WHERE process_id = $1 AND department = $2 ORDER BY version DESC LIMIT 1', [processId, department]);
  return row;
}

/** A new version of a process, numbered after `previous`. */
export async function insertDefinition(
  tx: Db,
  definition: { deploymentId: string; processId: string; department: string; previous: DefinitionRow | undefined; versionTag: string | null; name: string | null; xmlHash: string; gov: GovAttributes | undefined; createdAt: Date },
): Promise<DefinitionRow> {
  const [row] = await tx.query<DefinitionRow>(
    `INSERT INTO process_definitions (id, deployment_id, process_id, department, version, version_tag, name, xml_hash, gov, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [randomUUID(), definition.deploymentId, definition.processId, definition.department, (definition.previous?.version ?? 0) + 1, definition.versionTag, definition.name, definition.xmlHash, jsonb(definition.gov), definition.createdAt],
  );
  return row;
}
