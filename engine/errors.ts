/**
 * A command the engine refuses, with the reason in English and Chinese. The API turns the
 * kind into an HTTP status; nothing has been written when one is thrown.
 */
export class EngineError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict' | 'invalid' | 'forbidden' | 'rate-limited',
    message: string,
    readonly messageZh: string,
    readonly details: Array<{ message: string; messageZh: string; code?: string; elementId?: string; field?: string; line?: number; column?: number }> = [],
    /** For 'rate-limited': seconds until the request may be made again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Another command changed the instance first; the command is retried on fresh state. */
export class OptimisticConflict extends Error {
  constructor(readonly instanceId: string) {
    super(`Process instance ${instanceId} was changed concurrently`);
    this.name = 'OptimisticConflict';
  }
}
