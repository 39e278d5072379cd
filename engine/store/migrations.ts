import type { MigrationSource } from '../db/index.js';
import { fromProjectRoot } from '../paths.js';

/** The engine's own SQL migrations, applied before any other module's. */
export const engineMigrations: MigrationSource = { module: 'engine', folder: fromProjectRoot('engine', 'store', 'migrations') };
