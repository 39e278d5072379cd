import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockFolder } from './data-folder-lock.js';
import type { Database, Db, Subscription } from './db.js';

export { DataFolderLockedError } from './data-folder-lock.js';

class PgliteTransaction implements Db {
  constructor(private readonly tx: Transaction) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.tx.query<T>(sql, params as unknown[]);
    return result.rows;
  }

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return work(this);
  }

  async exec(script: string): Promise<void> {
    await this.tx.exec(script);
  }
}

/**
 * PostgreSQL compiled to WebAssembly, in-process. One connection: PGlite serialises
 * transactions itself. `folder` undefined means in memory (tests).
 * Two processes on one folder silently lose writes, so the folder is guarded by a lock file.
 */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite';
  readonly location: string;

  private constructor(
    private readonly db: PGlite,
    private readonly releaseLock: (() => Promise<void>) | undefined,
    folder: string | undefined,
  ) {
    this.location = folder ?? 'memory://';
  }

  static async open(folder?: string): Promise<PgliteDatabase> {
    if (!folder) return new PgliteDatabase(await PGlite.create(), undefined, undefined);
    const absolute = path.resolve(folder);
    fs.mkdirSync(absolute, { recursive: true });
    const release = await lockFolder(absolute);
    try {
      const db = await PGlite.create(path.join(absolute, 'pgdata'));
      return new PgliteDatabase(db, release, absolute);
    } catch (error) {
      await release();
      throw error;
    }
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.db.query<T>(sql, params as unknown[]);
    return result.rows;
  }

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(new PgliteTransaction(tx)));
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  /** One process holds an embedded database: its notifications arrive in this process only, and are never lost. */
  async listen(channel: string, onNotify: () => void): Promise<Subscription> {
    const unsubscribe = await this.db.listen(channel, () => onNotify());
    return { stop: () => unsubscribe() };
  }

  async close(): Promise<void> {
    await this.db.close();
    await this.releaseLock?.();
  }
}
