import { GUARD, type DeferredWrite } from '../../instances/deferred-writes.js';
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

  /** The batch as one deferred INSERT (and empties it); undefined when there is nothing to write. */
  toWrite(now: Date, defaultActor: string): DeferredWrite | undefined {
    if (this.rows.length === 0) return undefined;
    const rows = this.rows.splice(0);
    return {
      sql: `INSERT INTO history (instance_id, department, at, type, element_id, element_type, element_name, element_instance_id, actor, data)
       SELECT instance_id, department, $1, type, element_id, element_type, element_name, element_instance_id, actor, data
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[])
         AS t (instance_id, department, type, element_id, element_type, element_name, element_instance_id, actor, data)
       WHERE ${GUARD}`,
      params: [
        now,
        rows.map((row) => row.instanceId),
        rows.map((row) => row.department),
        rows.map((row) => row.entry.type),
        rows.map((row) => row.entry.elementId ?? null),
        rows.map((row) => row.entry.elementType ?? null),
        rows.map((row) => row.entry.elementName ?? null),
        rows.map((row) => row.entry.elementInstanceId ?? null),
        rows.map((row) => row.entry.actor ?? defaultActor),
        rows.map((row) => jsonb(row.entry.data)),
      ],
    };
  }
}
