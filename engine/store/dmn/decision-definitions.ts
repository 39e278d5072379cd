import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';

/** One version of one decision of a department, in the DRG version (requirements_key) that holds it. */
export interface DecisionDefinitionRow {
  id: string;
  requirements_key: string;
  deployment_id: string;
  department: string;
  decision_id: string;
  name: string | null;
  version: number;
  version_tag: string | null;
  created_at: Date;
}

/** The decisions of one DRG version, by decision id. */
export function definitionsOfRequirements(tx: Db, requirementsKey: string): Promise<DecisionDefinitionRow[]> {
  return tx.query<DecisionDefinitionRow>('SELECT * FROM decision_definitions WHERE requirements_key = $1 ORDER BY decision_id', [requirementsKey]);
}

/** The highest version of a decision in a department, if it was ever deployed there. */
export async function latestDecisionVersion(tx: Db, department: string, decisionId: string): Promise<number | undefined> {
  const [previous] = await tx.query<{ version: number }>('SELECT version FROM decision_definitions WHERE department = $1 AND decision_id = $2 ORDER BY version DESC LIMIT 1', [department, decisionId]);
  return previous?.version;
}

/** Writes a new version of a decision under a fresh key. */
export async function insertDecisionDefinition(tx: Db, definition: Omit<DecisionDefinitionRow, 'id'>): Promise<DecisionDefinitionRow> {
  const [row] = await tx.query<DecisionDefinitionRow>(
    `INSERT INTO decision_definitions (id, requirements_key, deployment_id, department, decision_id, name, version, version_tag, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [
      randomUUID(),
      definition.requirements_key,
      definition.deployment_id,
      definition.department,
      definition.decision_id,
      definition.name,
      definition.version,
      definition.version_tag,
      definition.created_at,
    ],
  );
  return row;
}

/** The newest version of a decision in a department that matches every condition given (null: any). */
export async function latestMatchingDecision(
  db: Db,
  department: string,
  decisionId: string,
  match: { version: number | null; versionTag: string | null; deploymentId: string | null },
): Promise<DecisionDefinitionRow | undefined> {
  const [row] = await db.query<DecisionDefinitionRow>(
    `SELECT * FROM decision_definitions WHERE department = $1 AND decision_id = $2 AND ($3::int IS NULL OR version = $3) AND ($4::text IS NULL OR version_tag = $4)
       AND ($5::uuid IS NULL OR deployment_id = $5) ORDER BY version DESC LIMIT 1`,
    [department, decisionId, match.version, match.versionTag, match.deploymentId],
  );
  return row;
}

/** Every version of the decisions of a department (null: every department), newest first. */
export async function listDecisionDefinitions(db: Db, department: string | null, decisionId: string | null): Promise<DecisionDefinitionRow[]> {
  return db.query<DecisionDefinitionRow>(
    `SELECT * FROM decision_definitions WHERE ($1::text IS NULL OR department = $1) AND ($2::text IS NULL OR decision_id = $2) ORDER BY decision_id, version DESC LIMIT 500`,
    [department, decisionId],
  );
}

/** One decision definition with its DMN file's XML, within a department (null: any). */
export async function readDecisionDefinition(db: Db, key: string, department: string | null): Promise<(DecisionDefinitionRow & { xml: string; requirements_id: string }) | undefined> {
  const [row] = await db.query<DecisionDefinitionRow & { xml: string; requirements_id: string }>(
    `SELECT d.*, r.xml, r.requirements_id FROM decision_definitions d JOIN decision_requirements r ON r.id = d.requirements_key WHERE d.id = $1 AND ($2::text IS NULL OR d.department = $2)`,
    [key, department],
  );
  return row;
}
