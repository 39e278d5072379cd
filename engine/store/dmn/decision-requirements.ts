import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';

/** A DMN file (a decision requirements graph) as deployed: one version of it in a department. */
export interface DecisionRequirementsRow {
  id: string;
  deployment_id: string;
  department: string;
  requirements_id: string;
  name: string | null;
  version: number;
  version_tag: string | null;
  xml: string;
  xml_hash: string;
  created_by: string;
  created_at: Date;
}

/** The latest version of a DRG in a department, with the hash that says whether a new file changes it. */
export async function latestRequirements(
  tx: Db,
  department: string,
  requirementsId: string,
): Promise<Pick<DecisionRequirementsRow, 'id' | 'requirements_id' | 'version' | 'xml_hash'> | undefined> {
  const [row] = await tx.query<Pick<DecisionRequirementsRow, 'id' | 'requirements_id' | 'version' | 'xml_hash'>>(
    'SELECT id, requirements_id, version, xml_hash FROM decision_requirements WHERE department = $1 AND requirements_id = $2 ORDER BY version DESC LIMIT 1',
    [department, requirementsId],
  );
  return row;
}

/** Writes a new version of a DRG under a fresh key. */
export async function insertRequirements(
  tx: Db,
  requirements: Omit<DecisionRequirementsRow, 'id'>,
): Promise<Pick<DecisionRequirementsRow, 'id' | 'requirements_id' | 'version'>> {
  const [row] = await tx.query<Pick<DecisionRequirementsRow, 'id' | 'requirements_id' | 'version'>>(
    `INSERT INTO decision_requirements (id, deployment_id, department, requirements_id, name, version, version_tag, xml, xml_hash, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id, requirements_id, version`,
    [
      randomUUID(),
      requirements.deployment_id,
      requirements.department,
      requirements.requirements_id,
      requirements.name,
      requirements.version,
      requirements.version_tag,
      requirements.xml,
      requirements.xml_hash,
      requirements.created_by,
      requirements.created_at,
    ],
  );
  return row;
}

/** A stored DRG's XML (to compile it again after a restart), if the key exists. */
export async function requirementsXml(db: Db, requirementsKey: string): Promise<string | undefined> {
  const [row] = await db.query<{ xml: string }>('SELECT xml FROM decision_requirements WHERE id = $1', [requirementsKey]);
  return row?.xml;
}
