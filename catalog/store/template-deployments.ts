import type { Db } from '../../engine/index.js';

/** The latest deployed version of a department's process: its BPMN's hash and who deployed it (a person, or the catalog). */
export async function latestDeployment(db: Db, processId: string, department: string): Promise<{ xml_hash: string; created_by: string } | undefined> {
  const [latest] = await db.query<{ xml_hash: string; created_by: string }>(
    `SELECT d.xml_hash, x.created_by FROM process_definitions d JOIN deployments x ON x.id = d.deployment_id
     WHERE d.process_id = $1 AND d.department = $2 ORDER BY d.version DESC LIMIT 1`,
    [processId, department],
  );
  return latest;
}
