import type { Db } from '../db/index.js';
import { compileDeployment, type ProcessModel } from '../model/index.js';

/** Compiled models by definition id: compiled from the stored XML once per process. */
export class ModelCache {
  private readonly models = new Map<string, ProcessModel>();

  constructor(private readonly db: Db) {}

  remember(definitionId: string, model: ProcessModel): void {
    this.models.set(definitionId, model);
  }

  /** Pass the command's transaction: PGlite has one connection, and a query outside it would wait for it forever. */
  async get(definitionId: string, db: Db = this.db): Promise<ProcessModel> {
    const cached = this.models.get(definitionId);
    if (cached) return cached;
    const [row] = await db.query<{ process_id: string; xml: string }>(
      'SELECT d.process_id, x.xml FROM process_definitions d JOIN deployments x ON x.id = d.deployment_id WHERE d.id = $1',
      [definitionId],
    );
    if (!row) throw new Error(`No stored definition ${definitionId}`);
    const compiled = await compileDeployment(row.xml);
    const model = compiled.ok ? compiled.processes.find((process) => process.id === row.process_id) : undefined;
    if (!model) throw new Error(`Stored definition ${definitionId} no longer compiles`);
    this.models.set(definitionId, model);
    return model;
  }
}
