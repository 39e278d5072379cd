import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import lockfile from 'proper-lockfile';
import type { Database, Db } from './db.js';

/** Raised when a second process tries to open a PGlite folder that another one holds. */
export class DataFolderLockedError extends Error {
  constructor(readonly folder: string) {
    super(
      `The embedded database folder ${folder} is in use by another Matterflow process. ` +
        `Stop that process, or set MATTERFLOW_DATA to another folder, or set DATABASE_URL to use a PostgreSQL server. ` +
        `（嵌入式数据库目录正被另一个 Matterflow 进程使用：请先停止该进程，或用 MATTERFLOW_DATA 指定其他目录，或用 DATABASE_URL 连接 PostgreSQL 服务器。）`,
    );
    this.name = 'DataFolderLockedError';
  }
}

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
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(absolute, { lockfilePath: path.join(absolute, '.matterflow.lock'), stale: 15_000, update: 5_000 });
    } catch (error) {
      if ((error as { code?: string }).code === 'ELOCKED') throw new DataFolderLockedError(absolute);
      throw error;
    }
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

  async close(): Promise<void> {
    await this.db.close();
    await this.releaseLock?.();
  }
}
