import type { Database, Subscription } from '../../engine/index.js';
import type { User } from './token-store.js';

const CHANNEL = 'matterflow_auth';
/** A safety net only: a change is dropped from the cache by its notification, long before this. */
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
const RESUBSCRIBE_MS = 5_000;

/**
 * Who each token stands for, remembered so that a request needs no query to authenticate (issue 12).
 * Correct only while the database tells us of every change: the migration 0700 notifies on any change
 * to users, tokens or regions, from any process, and the cache is then emptied. While that subscription
 * is not up (the server restarted, the connection dropped), nothing is cached. Unknown tokens are never
 * cached, so a token created elsewhere works at once.
 */
export class AuthenticatedUsers {
  private readonly entries = new Map<string, { user: User; expiresAt: number }>();
  /** Moves on at every change: a lookup that began before a change must not be remembered after it. */
  private generation = 0;
  private subscription: Subscription | undefined;
  private listening = false;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** Subscribes to changes; without a way to hear them (a database without LISTEN) the cache stays off. */
  async start(): Promise<void> {
    if (!this.db.listen || this.closed) return;
    try {
      this.subscription = await this.db.listen(CHANNEL, () => this.forgetAll(), () => this.lost());
      this.listening = true;
    } catch {
      this.lost();
    }
  }

  /** How many tokens are remembered (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  get(tokenHash: string): User | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.user;
  }

  /** Call before reading a token's user from the database; pass the answer to `remember`. */
  begin(): number {
    return this.generation;
  }

  remember(tokenHash: string, user: User, since: number): void {
    if (!this.listening || since !== this.generation) return;
    // Oldest first out: a Map keeps insertion order.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, { user, expiresAt: this.now() + TTL_MS });
  }

  /** Drops everything: called on every notified change, and by this process's own changes before it answers. */
  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.listening = false;
    clearTimeout(this.retry);
    this.forgetAll();
    await this.subscription?.stop();
  }

  private lost(): void {
    this.listening = false;
    this.forgetAll();
    this.subscription = undefined;
    if (this.closed) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.start(), RESUBSCRIBE_MS);
    this.retry.unref();
  }
}
