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

/** The version of a process deployed together with another version, `withDefinitionId` (a call activity's bindingType deployment). */
export async function definitionDeployedWith(tx: Db, processId: string, department: string, withDefinitionId: string): Promise<DefinitionRow | undefined> {
  const [row] = await tx.query<DefinitionRow>(
    'SELECT d.* FROM process_definitions d JOIN process_definitions w ON w.deployment_id = d.deployment_id WHERE w.id = $3 AND d.process_id = $1 AND d.department = $2',
    [processId, department, withDefinitionId],
  );
  return row;
}

/** A department's newest version of a process with a version tag (a call activity's bindingType versionTag). */
export async function latestTaggedDefinition(tx: Db, processId: string, department: string, versionTag: string): Promise<DefinitionRow | undefined> {
  const [row] = await tx.query<DefinitionRow>('SELECT * FROM process_definitions WHERE process_id = $1 AND department = $2 AND version_tag = $3 ORDER BY version DESC LIMIT 1', [
    processId,
    department,
    versionTag,
  ]);
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

/** Serialises the deployments of one department (for the transaction), so that version numbers never collide. */
export async function lockDepartmentDeployments(tx: Db, department: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`deploy:${department}`]);
}

/** One version of a process in a department. */
export async function definitionVersion(db: Db, processId: string, department: string, version: number): Promise<DefinitionRow | undefined> {
  const [row] = await db.query<DefinitionRow>('SELECT * FROM process_definitions WHERE process_id = $1 AND department = $2 AND version = $3', [processId, department, version]);
  return row;
}

/** A definition by id, if it is the department's. */
export async function departmentDefinition(db: Db, id: string, department: string): Promise<DefinitionRow | undefined> {
  const [row] = await db.query<DefinitionRow>('SELECT * FROM process_definitions WHERE id = $1 AND department = $2', [id, department]);
  return row;
}

/** The definitions of a department (of every department with null), newest version first within each process. */
export function definitionsOf(db: Db, department: string | null, processId: string | null): Promise<DefinitionRow[]> {
  return db.query<DefinitionRow>(
    `SELECT * FROM process_definitions
     WHERE ($1::text IS NULL OR department = $1) AND ($2::text IS NULL OR process_id = $2)
     ORDER BY process_id, version DESC LIMIT 500`,
    [department, processId],
  );
}

/**
 * A definition with its XML, if `department` (null: any) owns it or takes part in one of its cases through a task
 * (to draw the case it works on).
 */
export async function definitionWithXml(db: Db, id: string, department: string | null): Promise<(DefinitionRow & { xml: string }) | undefined> {
  const [row] = await db.query<DefinitionRow & { xml: string }>(
    `SELECT d.*, x.xml FROM process_definitions d JOIN deployments x ON x.id = d.deployment_id
     WHERE d.id = $1 AND ($2::text IS NULL OR d.department = $2
       OR EXISTS (SELECT 1 FROM user_tasks t JOIN process_instances i ON i.id = t.instance_id WHERE t.department = $2 AND i.definition_id = d.id))`,
    [id, department],
  );
  return row;
}

/** The process id and deployed XML of a definition, to compile its model. */
export async function definitionSource(db: Db, id: string): Promise<{ process_id: string; xml: string; deployment_id: string } | undefined> {
  const [row] = await db.query<{ process_id: string; xml: string; deployment_id: string }>(
    'SELECT d.process_id, x.xml, d.deployment_id FROM process_definitions d JOIN deployments x ON x.id = d.deployment_id WHERE d.id = $1',
    [id],
  );
  return row;
}

/** The deployment a definition came in (a business rule task bound to it calls that deployment's decisions). */
export async function deploymentOf(db: Db, definitionId: string): Promise<string | undefined> {
  const [row] = await db.query<{ deployment_id: string }>('SELECT deployment_id FROM process_definitions WHERE id = $1', [definitionId]);
  return row?.deployment_id;
}
