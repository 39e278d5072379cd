import { fromProjectRoot, type MigrationSource } from '../engine/index.js';

/** The catalog's tables; register after the engine's (api/server.ts MIGRATIONS). */
export const catalogMigrations: MigrationSource = { module: 'catalog', folder: fromProjectRoot('catalog', 'migrations') };
