import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index.js';
import type { FormRow, FormSchema } from '../forms/forms.js';
import { jsonb } from './jsonb.js';

/** A department's newest version of a form, if it deployed one. */
export async function newestFormVersion(tx: Db, department: string, formId: string): Promise<FormRow | undefined> {
  const [row] = await tx.query<FormRow>('SELECT * FROM forms WHERE department = $1 AND form_id = $2 ORDER BY version DESC LIMIT 1', [department, formId]);
  return row;
}

/** A new version of a form, with the hash that tells an unchanged schema on its next deployment. */
export async function insertFormVersion(tx: Db, form: { department: string; schema: FormSchema; version: number; schemaHash: string; createdBy: string; createdAt: Date }): Promise<FormRow> {
  const [row] = await tx.query<FormRow>(
    `INSERT INTO forms (id, department, form_id, version, schema, schema_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [randomUUID(), form.department, form.schema.id, form.version, jsonb(form.schema), form.schemaHash, form.createdBy, form.createdAt],
  );
  return row;
}

/** The latest version of a form in a department, as it was at `asOf` (default: now). */
export async function latestForm(db: Db, department: string, formId: string, asOf?: Date): Promise<FormRow | undefined> {
  const [row] = await db.query<FormRow>(
    `SELECT * FROM forms WHERE department = $1 AND form_id = $2 AND ($3::timestamptz IS NULL OR created_at <= $3) ORDER BY version DESC LIMIT 1`,
    [department, formId, asOf ?? null],
  );
  return row;
}

/** Those of `formIds` that the department has deployed a form for. */
export async function deployedFormIds(tx: Db, department: string, formIds: readonly string[]): Promise<string[]> {
  const rows = await tx.query<{ form_id: string }>('SELECT DISTINCT form_id FROM forms WHERE department = $1 AND form_id = ANY($2::text[])', [department, formIds]);
  return rows.map((row) => row.form_id);
}

/** Records the form versions sent with a deployment, new or unchanged: what a form bound by deployment shows. */
export async function recordDeploymentForms(tx: Db, deploymentId: string, formVersionIds: readonly string[]): Promise<void> {
  if (formVersionIds.length === 0) return;
  await tx.query('INSERT INTO deployment_forms (deployment_id, form_version_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING', [deploymentId, [...formVersionIds]]);
}

/** The version of a form sent with the deployment of a process version (a linked form's bindingType deployment). */
export async function formDeployedWith(db: Db, definitionId: string, formId: string): Promise<FormRow | undefined> {
  const [row] = await db.query<FormRow>(
    `SELECT f.* FROM process_definitions p JOIN deployment_forms d ON d.deployment_id = p.deployment_id JOIN forms f ON f.id = d.form_version_id
     WHERE p.id = $1 AND f.form_id = $2`,
    [definitionId, formId],
  );
  return row;
}

/** The newest version of a form with a version tag, as it was at `asOf` (a linked form's bindingType versionTag). */
export async function latestTaggedForm(db: Db, department: string, formId: string, versionTag: string, asOf: Date): Promise<FormRow | undefined> {
  const [row] = await db.query<FormRow>(
    'SELECT * FROM forms WHERE department = $1 AND form_id = $2 AND version_tag = $3 AND created_at <= $4 ORDER BY version DESC LIMIT 1',
    [department, formId, versionTag, asOf],
  );
  return row;
}

/** Which of these form id and version tag pairs the department has deployed, as `formId@tag`. */
export async function deployedTaggedForms(tx: Db, department: string, pairs: ReadonlyArray<{ formId: string; versionTag: string }>): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const rows = await tx.query<{ form_id: string; version_tag: string }>(
    'SELECT DISTINCT form_id, version_tag FROM forms WHERE department = $1 AND form_id = ANY ($2::text[]) AND version_tag = ANY ($3::text[])',
    [department, pairs.map((pair) => pair.formId), pairs.map((pair) => pair.versionTag)],
  );
  return new Set(rows.map((row) => `${row.form_id}@${row.version_tag}`));
}
