import type { InsertRows } from '../write-plan.js';
import { jsonb } from '../jsonb.js';

/** One history row before it is written; the batch fills in time, and the actor when absent. */
export interface HistoryEntry {
  type: string;
  elementId?: string;
  elementType?: string;
  elementName?: string;
  elementInstanceId?: string;
  actor?: string;
  data?: unknown;
}

/**
 * History rows of one command, written with one multi-row INSERT at the end of the command:
 * a straight-through instance writes a dozen rows, and one round trip instead of twelve is
 * the largest single saving in durable throughput (see bench/durable.ts).
 */
export class HistoryBatch {
  private readonly rows: Array<{ instanceId: string; department: string; entry: HistoryEntry }> = [];

  add(instanceId: string, department: string, entry: HistoryEntry): void {
    this.rows.push({ instanceId, department, entry });
  }

  get size(): number {
    return this.rows.length;
  }

  /** The batch as one planned multi-row INSERT (and empties it); undefined when there is nothing to write. */
  toWrite(now: Date, defaultActor: string): InsertRows | undefined {
    if (this.rows.length === 0) return undefined;
    return {
      kind: 'insertRows',
      table: 'history',
      types: {
        instance_id: 'uuid', department: 'text', at: 'timestamptz', type: 'text', element_id: 'text', element_type: 'text', element_name: 'text', element_instance_id: 'text', actor: 'text', data: 'jsonb',
      },
      rows: this.rows.splice(0).map(({ instanceId, department, entry }) => ({
        instance_id: instanceId, department, at: now, type: entry.type, element_id: entry.elementId, element_type: entry.elementType, element_name: entry.elementName,
        element_instance_id: entry.elementInstanceId, actor: entry.actor ?? defaultActor, data: jsonb(entry.data),
      })),
    };
  }
}
