import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db.js';

/** A folder of plain-SQL migrations owned by one module, applied in file-name order. */
export interface MigrationSource {
  module: string;
  folder: string;
}

// Any constant works; it only has to be the same in every Matterflow process.
const MIGRATION_LOCK = 72_616_001;

/**
 * Applies every migration not yet recorded, in one transaction under an advisory lock, so
 * that several processes starting at once against one server apply each file exactly once.
 * Returns the names applied.
 */
export async function migrate(db: Db, sources: readonly MigrationSource[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS matterflow_migrations (
      module text NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (module, name))`);
    const done = new Set(
      (await tx.query<{ module: string; name: string }>('SELECT module, name FROM matterflow_migrations')).map(
        (row) => `${row.module}/${row.name}`,
      ),
    );
    const applied: string[] = [];
    for (const source of sources) {
      const files = fs.readdirSync(source.folder).filter((file) => file.endsWith('.sql')).sort();
      for (const file of files) {
        if (done.has(`${source.module}/${file}`)) continue;
        await tx.exec(fs.readFileSync(path.join(source.folder, file), 'utf8'));
        await tx.query('INSERT INTO matterflow_migrations (module, name) VALUES ($1, $2)', [source.module, file]);
        applied.push(`${source.module}/${file}`);
      }
    }
    return applied;
  });
}
