import { definitionSource } from '../store/deployments.js';
import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import { compileDeployment, type ProcessModel } from '../model/index.js';

/**
 * Compiled models by definition id: compiled from the stored XML once per process. A stored
 * definition is compiled leniently (compile-deployment.ts): it was valid when it was deployed,
 * and a stricter rule of a later release must not stop its running instances from loading.
 */
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
    const row = await definitionSource(db, definitionId);
    if (!row) throw new Error(`No stored definition ${definitionId}`);
    const compiled = await compileDeployment(row.xml, { lenient: true });
    const model = compiled.ok ? compiled.processes.find((process) => process.id === row.process_id) : undefined;
    if (!model) {
      // Not even the structure can be read any more: say so, for this case only.
      const why = compiled.ok ? `it has no process '${row.process_id}'` : compiled.problems.map((entry) => entry.message).join('; ');
      const whyZh = compiled.ok ? `其中没有流程“${row.process_id}”` : compiled.problems.map((entry) => entry.messageZh).join('；');
      throw new EngineError('conflict', `The stored model of definition ${definitionId} cannot be loaded: ${why}`, `流程定义 ${definitionId} 的已存模型无法加载：${whyZh}`);
    }
    this.models.set(definitionId, model);
    return model;
  }
}
