import { latestDefinition } from '../store/deployments.js';
import type { Db } from '../db/index.js';
import type { DefinitionRow } from '../store/rows.js';
import type { Assert } from '../store/write-plan.js';
import { noNewerVersion } from '../store/latest-version.js';

/** The latest version changed between the lookup and the start: the command runs again. */
export class StaleLatestDefinition extends Error {
  constructor(readonly processId: string) {
    super(`A newer version of ${processId} was deployed while the instance was starting`);
    this.name = 'StaleLatestDefinition';
  }
}

/**
 * "Start the latest version" without a lookup per start: the latest definition of each process
 * is remembered, and the start's own statement checks that no newer version exists (a guard
 * in the same atomic write, see compileWritePlan). A deployment in another process makes that
 * check fail once; the command then forgets the entry and runs again on a fresh lookup. So a
 * start never uses an outdated version, here or on another server sharing the database, and
 * the race between lookup and insert that a plain lookup has is closed too.
 */
export class LatestDefinitions {
  private readonly latest = new Map<string, DefinitionRow>();

  async find(db: Db, department: string, processId: string): Promise<DefinitionRow | undefined> {
    const key = keyOf(department, processId);
    const known = this.latest.get(key);
    if (known) return known;
    const row = await latestDefinition(db, processId, department);
    if (row) this.latest.set(key, row);
    return row;
  }

  forget(department: string, processId: string): void {
    this.latest.delete(keyOf(department, processId));
  }

  /** The check that travels with the start's writes: nothing newer than `definition` is deployed. */
  stillLatest(definition: DefinitionRow): Assert {
    return {
      kind: 'assert',
      condition: noNewerVersion(definition),
      fails: () => {
        this.forget(definition.department, definition.process_id);
        return new StaleLatestDefinition(definition.process_id);
      },
    };
  }
}

function keyOf(department: string, processId: string): string {
  return `${department}\u0000${processId}`;
}
