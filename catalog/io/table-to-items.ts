import { sameJson } from '../diff.js';
import type { BatchItem, CatalogEntity } from '../model.js';
import type { CatalogIssue } from '../validation/catalog-error.js';
import { ACTION_LABELS } from './cell-formats.js';
import { ACTION_HEADER, columnsOf, type ParseContext } from './columns.js';
import type { Table } from './table-file.js';
import { ROWS_PER_SLICE, yieldToEventLoop } from './import-limits.js';

// NUL and C0 controls but tab and line ends, and a lone UTF-16 surrogate: what a request may not carry either (api/http/input-guard.ts).
// eslint-disable-next-line no-control-regex
const UNSTORABLE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface RowsAsItems {
  items: BatchItem[];
  /** The file row (1 = header) each item came from. */
  rowOf: number[];
  issues: CatalogIssue[];
  unchanged: number;
}

/**
 * Reads a sheet against the entity's fixed template: headers first (unknown, duplicate and
 * missing columns are named), then every row, cell by cell, over the current document of its
 * code. Rows equal to what the catalog holds are counted and left out.
 */
export async function tableToItems(entity: CatalogEntity, table: Table, context: ParseContext, current: ReadonlyMap<string, Record<string, unknown>>): Promise<RowsAsItems> {
  const columns = columnsOf(entity);
  const result: RowsAsItems = { items: [], rowOf: [], issues: [], unchanged: 0 };
  const positions = new Map<string, number>();
  table.headers.forEach((header, index) => {
    if (header === '') {
      if (table.rows.some((row) => (row[index] ?? '').trim() !== '')) result.issues.push({ row: 1, code: 'unnamed-column', field: `#${index + 1}`, message: `Column ${index + 1} has data but no header`, messageZh: `第 ${index + 1} 列有数据但没有表头` });
      return;
    }
    if (positions.has(header)) result.issues.push({ row: 1, code: 'duplicate-column', field: header, message: `Column '${header}' appears twice`, messageZh: `列“${header}”重复` });
    else if (header !== ACTION_HEADER && !columns.some((column) => column.header === header)) {
      result.issues.push({ row: 1, code: 'unknown-column', field: header, message: `Column '${header}' is not in the ${entity} template`, messageZh: `列“${header}”不在${entity === 'matter' ? '事项' : '实施清单'}模板中` });
    }
    positions.set(header, index);
  });
  for (const column of columns) {
    if (column.required && !positions.has(column.header)) {
      result.issues.push({ row: 1, code: 'missing-column', field: column.header, message: `The required column '${column.header}' (${column.english}) is missing`, messageZh: `缺少必需的列“${column.header}”` });
    }
  }
  if (result.issues.length > 0) return result;

  const codeColumn = columns[0];
  const actionAt = positions.get(ACTION_HEADER);
  for (let index = 0; index < table.rows.length; index++) {
    if (index % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await yieldToEventLoop();
    convertRow(table.rows[index], index);
  }
  return result;

  function convertRow(cells: string[], index: number): void {
    const row = index + 2;
    if (cells.every((cell) => (cell ?? '').trim() === '')) return;
    // A cell PostgreSQL cannot store (NUL, half a surrogate pair) or holding a control character: named by row and column.
    const badCell = cells.findIndex((cell) => UNSTORABLE_TEXT.test(cell ?? ''));
    if (badCell !== -1) {
      const field = table.headers[badCell] ?? `#${badCell + 1}`;
      result.issues.push({ row, code: 'invalid-text', field, message: `${field}: the cell holds a control character, NUL or broken Unicode, which cannot be stored`, messageZh: `${field}：单元格含有控制字符、空字符或不完整的 Unicode 字符，无法保存` });
      return;
    }
    if (cells.length > table.headers.length && cells.slice(table.headers.length).some((cell) => cell.trim() !== '')) {
      result.issues.push({ row, code: 'extra-cell', field: `#${table.headers.length + 1}`, message: `Row ${row} has data beyond the last column`, messageZh: `第 ${row} 行在最后一列之后还有数据` });
    }
    const code = (cells[positions.get(codeColumn.header)!] ?? '').trim();
    if (code === '') {
      result.issues.push({ row, code: 'missing-field', field: codeColumn.header, message: `${codeColumn.header} (${codeColumn.english}) is empty`, messageZh: `“${codeColumn.header}”为空` });
      return;
    }
    const actionCell = actionAt === undefined ? '' : (cells[actionAt] ?? '').trim();
    const action = actionCell === '' ? (current.has(code) ? 'modify' : 'add') : ACTION_LABELS[actionCell];
    if (!action) {
      result.issues.push({ row, key: code, code: 'not-allowed-value', field: ACTION_HEADER, message: `Action '${actionCell}' is not 新增, 变更 or 注销`, messageZh: `操作“${actionCell}”应为 新增、变更、注销 之一` });
      return;
    }
    if (action === 'abolish') {
      result.items.push({ entity, action, code });
      result.rowOf.push(row);
      return;
    }
    const before = current.get(code);
    const document: Record<string, unknown> = structuredClone(before ?? {});
    let failed = false;
    for (const column of columns) {
      const at = positions.get(column.header);
      if (at === undefined) continue;
      const parsed = column.parse(cells[at] ?? '', context, before);
      if (!parsed.ok) {
        failed = true;
        result.issues.push({ row, key: code, field: column.header, pointer: `/${column.field}`, code: parsed.code, message: `${column.header}: ${parsed.message}`, messageZh: `${column.header}：${parsed.messageZh}` });
      } else if (parsed.value === undefined) {
        // An empty cell cannot tell "no list" from "an empty list": keep what the catalog has.
        const kept = before?.[column.field];
        if (!(Array.isArray(kept) && kept.length === 0)) delete document[column.field];
      } else document[column.field] = parsed.value;
    }
    if (failed) return;
    // A new row without a status column is in force from the batch's date.
    if (document.status === undefined) document.status = 'active';
    if (action === 'modify' && before && sameJson(document, before)) {
      result.unchanged += 1;
      return;
    }
    result.items.push({ entity, action, code, document: document as unknown as BatchItem['document'] });
    result.rowOf.push(row);
  }
}

/** Maps an issue found on an item (JSON pointer into the document) back to its file row and column. */
export function issueAtRow(entity: CatalogEntity, issue: CatalogIssue, rowOf: readonly number[]): CatalogIssue {
  const row = issue.row !== undefined ? rowOf[issue.row - 1] : undefined;
  const top = issue.field?.split('/')[1];
  const column = columnsOf(entity).find((candidate) => candidate.field === top);
  return { ...issue, ...(row !== undefined ? { row } : {}), ...(column ? { field: column.header, pointer: issue.field } : {}) };
}
