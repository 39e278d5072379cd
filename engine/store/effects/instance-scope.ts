import type { CommandUnit } from '../../instances/command-unit.js';
import type { HistoryEntry } from './history-batch.js';

/** The instance a batch of effects belongs to, inside the command's unit of work. */
export class InstanceScope {
  constructor(
    readonly unit: CommandUnit,
    readonly instanceId: string,
    readonly department: string,
    readonly definitionId: string,
    /** The case's region: where its tasks belong unless their routing names a unit elsewhere. */
    readonly region: { code: string | null; path: string } = { code: null, path: '/' },
  ) {}

  record(entry: HistoryEntry): void {
    this.unit.record(this.instanceId, this.department, entry);
  }
}
