/**
 * Runs `round` until stopped: again at once while it reports more work, else after the
 * interval. A failed round is logged and the loop goes on; `stop` waits for the round in progress.
 * The job executor, the SLA monitor and any other background worker share this one loop.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly round: () => Promise<{ moreWork: boolean }>,
    private readonly log?: { error(object: unknown, message?: string): void },
  ) {}

  get active(): boolean {
    return !this.stopped;
  }

  start(intervalMs: number): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async (): Promise<void> => {
      if (this.stopped) return;
      let moreWork = false;
      try {
        moreWork = (await this.round()).moreWork;
      } catch (error) {
        this.log?.error({ err: error }, `${this.name} round failed`);
      }
      if (!this.stopped) this.timer = setTimeout(() => (this.running = loop()), moreWork ? 0 : intervalMs);
    };
    this.running = loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
