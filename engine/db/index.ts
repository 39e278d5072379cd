export type { Database, Db, Subscription } from './db.js';
export { isRetryableConflict, isUniqueViolation } from './db.js';
export { migrate, type MigrationSource } from './migrate.js';
export { openDatabase, type DatabaseConfig } from './open-database.js';
export { DataFolderLockedError, PgliteDatabase } from './pglite-database.js';
export { PostgresDatabase } from './postgres-database.js';
export { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
export { checkDatabaseAnswers } from './database-health.js';
export { GroupCommit } from './group-commit.js';
