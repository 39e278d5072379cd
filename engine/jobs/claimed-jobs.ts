import { seesAllDepartments, type Actor } from '../actor.js';
import { inActorRegion } from '../staff/access.js';
import type { JobRow } from '../store/rows.js';

/** A job as this engine handed it to a worker: the row, its instance as the claim read it, and the modules' reads. */
export interface ClaimedJob {
  job: JobRow;
  instance: Record<string, unknown>;
  along?: Record<string, unknown>;
}

/** How many claimed jobs are kept; the oldest go first (a worker that never reports back holds no memory for long). */
const CAPACITY = 2_048;

/**
 * The jobs this engine claimed for workers, each with its instance as the claim read it, so that the job's completion
 * starts from them instead of reading them again: on the path every service task takes, that is one statement in three.
 *
 * Trusting the copy is safe because the completion writes the instance under its revision (D4), as every command does:
 * whatever happened to the case since the claim (another completion, a cancellation, a suspension, a migration, an
 * incident) raised the revision, so the write fails and the command runs again on rows read afresh. What changes a job
 * without touching its instance (a failure with retries left, new retries, a lapsed lock taken by another worker)
 * leaves it completable, as a fresh read would find it. Clocks read along are stopped under a check that they are still
 * as read (engine/store/sla/clocks.ts deferStopClocks). A completion on another server, or after the copy was dropped,
 * reads as before.
 */
export class ClaimedJobs {
  private readonly entries = new Map<string, ClaimedJob>();

  constructor(private readonly capacity = CAPACITY) {}

  remember(claimed: ClaimedJob): void {
    this.entries.delete(claimed.job.id);
    this.entries.set(claimed.job.id, claimed);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The job's copy, taken out (it serves one command once), if the actor may see the job; else undefined. */
  take(id: string, actor: Actor): ClaimedJob | undefined {
    const claimed = this.entries.get(id);
    if (!claimed) return undefined;
    // Someone the job is hidden from reads it as before, and is told it does not exist.
    const visible = (seesAllDepartments(actor) || claimed.job.department === actor.department) && inActorRegion(actor, claimed.instance.region_path as string | undefined);
    if (!visible) return undefined;
    this.entries.delete(id);
    return claimed;
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
