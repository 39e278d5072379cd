import { CatalogError } from '../validation/catalog-error.js';

/**
 * An import is one batch, validated and stored in one transaction; past some size that is a
 * job for several batches, not one request. MATTERFLOW_IMPORT_MAX_ROWS (default 20,000: twice
 * the sample's 9,481 implementation entries) bounds it, and the file is refused while it is
 * still being read, before any row is converted.
 */
export function maxImportRows(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.MATTERFLOW_IMPORT_MAX_ROWS);
  return Number.isInteger(configured) && configured > 0 ? configured : 20_000;
}

export function tooManyRows(limit: number): CatalogError {
  return new CatalogError(
    'too-large',
    `The file has more than ${limit.toLocaleString('en')} data rows; split it into several imports (MATTERFLOW_IMPORT_MAX_ROWS sets the limit)`,
    `文件数据超过 ${limit.toLocaleString('en')} 行：请拆分为多个文件分批导入（上限由 MATTERFLOW_IMPORT_MAX_ROWS 设置）`,
  );
}

/** Lets other requests run between slices of a long loop: no import holds the event loop for long. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Every how many rows a long loop yields. */
export const ROWS_PER_SLICE = 250;

/** Most issues a refusal lists; the count says how many there were in all. */
export const MAX_LISTED_ISSUES = 1000;
