import type { Actor } from '../../engine/index.js';
import type { Catalog } from '../catalog.js';
import type { Batch, BatchItem, CatalogEntity, Matter } from '../model.js';
import { latestPublishSeq } from '../store/batch-store.js';
import { snapshot } from '../store/version-store.js';
import { lawLevels } from '../store/legal-basis.js';
import { organisationNamings } from '../store/organisations.js';
import { CatalogError, invalid, type CatalogIssue } from '../validation/catalog-error.js';
import { validateItems } from '../validation/validate-items.js';
import { ACTION_HEADER, columnsOf, type ParseContext } from './columns.js';
import type { TextEncoding } from './decode-text.js';
import { readTable, writeCsv, writeXlsx, type Table } from './table-file.js';
import { MAX_LISTED_ISSUES, maxImportRows, tooManyRows } from './import-limits.js';
import { issueAtRow, tableToItems } from './table-to-items.js';

export type FileFormat = 'xlsx' | 'csv' | 'json';

export interface ImportRequest {
  entity: CatalogEntity;
  format: FileFormat;
  encoding?: TextEncoding;
  bytes: Uint8Array;
  name?: string;
  reason?: string;
  effectiveDate?: string;
}

export interface ImportResult {
  batch: Batch;
  rows: number;
  unchanged: number;
  encoding?: string;
}

const ENTITY_ZH: Record<CatalogEntity, string> = { matter: '事项', implementation: '实施清单', bundle: '一件事' };

/**
 * Imports a file into a new DRAFT batch, all or nothing: every problem of every row is listed
 * (row, column, reason in both languages) and nothing is written unless the file is clean.
 */
export async function importFile(catalog: Catalog, actor: Actor, request: ImportRequest): Promise<ImportResult> {
  const current = await currentDocuments(catalog, request.entity);
  let table: Table | undefined;
  let items: BatchItem[];
  let rowOf: number[];
  let unchanged = 0;
  const issues: CatalogIssue[] = [];
  const maxRows = maxImportRows();
  if (request.format === 'json') {
    const parsed = readJson(request.bytes, request.entity);
    if (!parsed.ok) throw rejected([parsed.issue]);
    if (parsed.documents.length > maxRows) throw tooManyRows(maxRows);
    items = [];
    rowOf = [];
    parsed.documents.forEach((document, index) => {
      const code = String(document[request.entity === 'matter' ? 'code' : 'implCode'] ?? '');
      const before = current.get(code);
      if (before && sameDocument(before, document)) {
        unchanged += 1;
        return;
      }
      items.push({ entity: request.entity, action: before ? 'modify' : 'add', code, document: document as unknown as BatchItem['document'] });
      rowOf.push(index + 1);
    });
  } else {
    const read = await readTable(request.bytes, request.format, request.encoding ?? 'auto', maxRows);
    if (!read.ok) throw rejected([read.issue]);
    table = read.table;
    const converted = await tableToItems(request.entity, table, await parseContext(catalog), current);
    issues.push(...converted.issues);
    items = converted.items;
    rowOf = converted.rowOf;
    unchanged = converted.unchanged;
  }
  const context = await catalog.itemContext(catalog.db, actor);
  issues.push(...(await validateItems(items, context)).map((issue) => issueAtRow(request.entity, issue, rowOf)));
  if (issues.length > 0) throw rejected(issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
  if (items.length === 0) throw rejected([{ code: 'nothing-to-import', message: `The file changes nothing (${unchanged} rows equal the catalog)`, messageZh: `文件没有任何变更（${unchanged} 行与目录一致）` }]);
  const batch = await catalog.createBatch(actor, {
    name: request.name ?? `导入${ENTITY_ZH[request.entity]}（${items.length} 条）`,
    reason: request.reason ?? `文件导入（${request.format.toUpperCase()}）`,
    effectiveDate: request.effectiveDate ?? catalog.today(),
    items,
    source: `import:${request.format}`,
  });
  return { batch, rows: items.length, unchanged, ...(table?.encoding ? { encoding: table.encoding } : {}) };
}

/** The file's problems, the first MAX_LISTED_ISSUES of them listed (a file wrong on every row would otherwise answer with megabytes). */
function rejected(issues: CatalogIssue[]): CatalogError {
  const error = invalid(issues, 'The file is rejected; nothing was imported', '文件未通过校验，未导入任何数据');
  if (issues.length <= MAX_LISTED_ISSUES) return error;
  const listed = issues.slice(0, MAX_LISTED_ISSUES);
  listed.push({ code: 'more-errors', message: `… and ${issues.length - MAX_LISTED_ISSUES} more errors`, messageZh: `……另有 ${issues.length - MAX_LISTED_ISSUES} 处错误` });
  return new CatalogError(error.kind, error.message, error.messageZh, listed);
}

// The stored `version` is the catalog's, not the file's: it never makes a row different.
function sameDocument(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  const { version: _a, ...left } = before;
  const { version: _b, ...right } = after;
  return JSON.stringify(sortKeys(left)) === JSON.stringify(sortKeys(right));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  return value;
}

function readJson(bytes: Uint8Array, entity: CatalogEntity): { ok: true; documents: Array<Record<string, unknown>> } | { ok: false; issue: CatalogIssue } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, issue: { code: 'invalid-json', message: `The file is not valid JSON: ${(error as Error).message}`, messageZh: '文件不是合法的 JSON' } };
  }
  const key = entity === 'matter' ? 'matters' : 'implementations';
  const list = Array.isArray(parsed) ? parsed : ((parsed as Record<string, unknown> | null)?.[key] ?? (parsed as Record<string, unknown> | null)?.items);
  if (!Array.isArray(list) || !list.every((entry) => entry && typeof entry === 'object' && !Array.isArray(entry))) {
    return { ok: false, issue: { code: 'invalid-json', message: `Expected an array of documents, or {"${key}": [...]}`, messageZh: `应为文档数组，或 {"${key}": [...]}` } };
  }
  return { ok: true, documents: list as Array<Record<string, unknown>> };
}

/** The latest published document of every live code (what a modification starts from). */
async function currentDocuments(catalog: Catalog, entity: CatalogEntity): Promise<Map<string, Record<string, unknown>>> {
  const seq = await latestPublishSeq(catalog.db);
  const found = await snapshot<Record<string, unknown>>(catalog.db, entity, { publishSeq: seq });
  return new Map([...found].map(([code, versioned]) => [code, versioned.document]));
}

async function parseContext(catalog: Catalog): Promise<ParseContext> {
  const [laws, organisations] = await Promise.all([lawLevels(catalog.db), organisationNamings(catalog.db)]);
  const organisationCodes = new Map<string, string>();
  for (const org of organisations) {
    organisationCodes.set(org.name, org.code);
    if (org.short_name && !organisationCodes.has(org.short_name)) organisationCodes.set(org.short_name, org.code);
  }
  return { knownLawLevels: new Map(laws.map((row) => [row.law, row.level])), organisationCodes };
}

export interface ExportRequest {
  entity: CatalogEntity;
  format: FileFormat;
  encoding?: 'utf-8' | 'gb18030';
  asOf?: string;
  department?: string;
  matterCode?: string;
}

export interface ExportedFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
  count: number;
}

const CONTENT_TYPES: Record<FileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  json: 'application/json',
};

/** The catalog as of a date in the entity's template: what an import of the same file reproduces. */
export async function exportFile(catalog: Catalog, request: ExportRequest): Promise<ExportedFile> {
  const date = catalog.dateOrToday(request.asOf);
  const found = await snapshot<Record<string, unknown>>(catalog.db, request.entity, { date });
  const documents = [...found.values()]
    .map((versioned) => versioned.document)
    .filter((document) => !request.department || (document as Matter).competentDept === request.department)
    .filter((document) => !request.matterCode || document.matterCode === request.matterCode);
  const base = `${request.entity === 'matter' ? 'matters' : 'implementations'}-${date}`;
  const encoding = request.encoding ?? 'utf-8';
  if (request.format === 'json') {
    const key = request.entity === 'matter' ? 'matters' : 'implementations';
    return { bytes: Buffer.from(JSON.stringify({ asOf: date, [key]: documents }, null, 2)), contentType: `${CONTENT_TYPES.json}; charset=utf-8`, fileName: `${base}.json`, count: documents.length };
  }
  const columns = columnsOf(request.entity);
  const headers = columns.map((column) => column.header);
  const rows = documents.map((document) => columns.map((column) => column.format(document)));
  if (request.format === 'csv') {
    return { bytes: writeCsv(headers, rows, encoding), contentType: `${CONTENT_TYPES.csv}; charset=${encoding}`, fileName: `${base}.csv`, count: documents.length };
  }
  return { bytes: await writeXlsx([{ name: ENTITY_ZH[request.entity], headers, rows }, guideSheet(request.entity)]), contentType: CONTENT_TYPES.xlsx, fileName: `${base}.xlsx`, count: documents.length };
}

/** An empty import template with a second sheet that explains every column. */
export async function templateFile(entity: CatalogEntity, format: 'xlsx' | 'csv', encoding: 'utf-8' | 'gb18030' = 'utf-8'): Promise<ExportedFile> {
  const headers = columnsOf(entity).map((column) => column.header);
  const fileName = `${entity === 'matter' ? 'matters' : 'implementations'}-template.${format}`;
  if (format === 'csv') return { bytes: writeCsv(headers, [], encoding), contentType: `${CONTENT_TYPES.csv}; charset=${encoding}`, fileName, count: 0 };
  return { bytes: await writeXlsx([{ name: ENTITY_ZH[entity], headers, rows: [] }, guideSheet(entity)]), contentType: CONTENT_TYPES.xlsx, fileName, count: 0 };
}

function guideSheet(entity: CatalogEntity) {
  const rows = columnsOf(entity).map((column) => [column.header, column.english, column.required ? '必填' : '选填', column.note]);
  rows.push([ACTION_HEADER, 'action', '选填', '新增、变更、注销；为空时：已有编码为变更，新编码为新增']);
  return { name: '填写说明', headers: ['列名', 'field', '是否必填', '格式说明'], rows, widths: [16, 20, 10, 60] };
}
