import type { Request } from 'express';
import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { Problem } from '../http/problem.js';
import { FILE_LIMIT_BYTES, tooLarge } from '../http/body-limits.js';
import { BatchSchema, exportFile, importFile, templateFile, type CatalogEntity, type FileFormat } from '../../catalog/index.js';
import { ANY_USER, AsOf, CATALOG_EDITORS, catalogOf, handled } from './catalog-shared.js';

const TAG = 'Catalog import and export';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ENTITIES: Record<string, CatalogEntity> = { matters: 'matter', implementations: 'implementation' };
const EntityParam = { type: 'object', properties: { entity: { enum: Object.keys(ENTITIES) } }, required: ['entity'] };

/** Excel, CSV (UTF-8 or GB18030) and JSON in the fixed Chinese-header templates; imports become draft batches. */
export function catalogIoRoutes(api: ApiRouter, context: AppContext): void {
  const catalog = catalogOf(context);

  api.add(
    {
      method: 'post',
      path: '/catalog/import/:entity',
      operationId: 'importCatalogFile',
      summary: 'Import a file (xlsx, csv in UTF-8/GB18030, json) as a DRAFT batch; one bad row rejects the file with every error by row and column',
      summaryZh: '导入事项或实施清单（xlsx、UTF-8/GB18030 CSV、JSON），逐行校验、整体成功或整体拒绝，生成草稿批次',
      tag: TAG,
      roles: CATALOG_EDITORS,
      params: EntityParam,
      query: {
        type: 'object',
        properties: {
          format: { enum: ['xlsx', 'csv', 'json'], description: 'Default: from Content-Type' },
          encoding: { enum: ['auto', 'utf-8', 'gb18030'], default: 'auto', description: 'CSV only' },
          name: { type: 'string', minLength: 1, maxLength: 200 },
          reason: { type: 'string', minLength: 1, maxLength: 2000 },
          effectiveDate: { type: 'string', format: 'date' },
        },
        additionalProperties: false,
      },
      bodyMediaTypes: {
        [XLSX]: { type: 'string', format: 'binary' },
        'text/csv': { type: 'string', description: 'UTF-8 or GB18030 bytes with a header row' },
        'application/json': { type: 'object', description: '{"matters": [...]} or {"implementations": [...]} or an array of documents' },
        'application/octet-stream': { type: 'string', format: 'binary', description: 'Any of the above as bytes, with ?format= saying which' },
      },
      response: { type: 'object', properties: { batch: BatchSchema, rows: { type: 'integer' }, unchanged: { type: 'integer' }, encoding: { type: 'string' } } },
      status: 201,
    },
    handled(async (req, res) => {
      const format = (req.query.format as FileFormat | undefined) ?? formatOf(req);
      const result = await importFile(catalog, actorOf(req), {
        entity: ENTITIES[String(req.params.entity)],
        format,
        encoding: req.query.encoding as 'auto' | undefined,
        bytes: await rawBody(req),
        name: req.query.name as string | undefined,
        reason: req.query.reason as string | undefined,
        effectiveDate: req.query.effectiveDate as string | undefined,
      });
      res.status(201).location(`/api/v1/catalog/batches/${result.batch.id}`).json(result);
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/export/:entity',
      operationId: 'exportCatalog',
      summary: 'Export matters or implementation entries as of a date, in the import template (xlsx, csv, json)',
      summaryZh: '导出事项或实施清单（与导入模板一致）',
      tag: TAG,
      roles: ANY_USER,
      params: EntityParam,
      query: {
        type: 'object',
        properties: {
          format: { enum: ['xlsx', 'csv', 'json'], default: 'xlsx' },
          encoding: { enum: ['utf-8', 'gb18030'], default: 'utf-8' },
          asOf: AsOf,
          department: { type: 'string', maxLength: 100 },
          matter: { type: 'string', maxLength: 60 },
        },
        additionalProperties: false,
      },
      responseMediaTypes: {
        [XLSX]: { type: 'string', format: 'binary' },
        'text/csv': { type: 'string' },
        'application/json': { type: 'object', properties: { asOf: { type: 'string', format: 'date' } }, additionalProperties: { type: 'array', items: { type: 'object' } } },
      },
    },
    handled(async (req, res) => {
      const file = await exportFile(catalog, {
        entity: ENTITIES[String(req.params.entity)],
        format: req.query.format as FileFormat,
        encoding: req.query.encoding as 'utf-8',
        asOf: req.query.asOf as string | undefined,
        department: req.query.department as string | undefined,
        matterCode: req.query.matter as string | undefined,
      });
      res.attachment(file.fileName).type(file.contentType).set('X-Total-Count', String(file.count)).send(file.bytes);
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/import-templates/:entity',
      operationId: 'getCatalogImportTemplate',
      summary: 'The empty import template (xlsx with a sheet explaining every column, or csv)',
      summaryZh: '下载导入模板（含填写说明）',
      tag: TAG,
      roles: ANY_USER,
      params: EntityParam,
      query: { type: 'object', properties: { format: { enum: ['xlsx', 'csv'], default: 'xlsx' }, encoding: { enum: ['utf-8', 'gb18030'], default: 'utf-8' } }, additionalProperties: false },
      responseMediaTypes: { [XLSX]: { type: 'string', format: 'binary' }, 'text/csv': { type: 'string' } },
    },
    handled(async (req, res) => {
      const file = await templateFile(ENTITIES[String(req.params.entity)], req.query.format as 'xlsx', req.query.encoding as 'utf-8');
      res.attachment(file.fileName).type(file.contentType).send(file.bytes);
    }),
  );
}

function formatOf(req: Request): FileFormat {
  if (req.is(XLSX)) return 'xlsx';
  if (req.is('text/csv') || req.is('text/plain')) return 'csv';
  if (req.is('application/json')) return 'json';
  throw new Problem(415, 'Say what the file is: ?format=xlsx|csv|json or a Content-Type', '请用 ?format=xlsx|csv|json 或 Content-Type 说明文件格式');
}

/** The request body as bytes: files are not parsed by the app's JSON parser (except JSON itself). */
async function rawBody(req: Request): Promise<Uint8Array> {
  if (Buffer.isBuffer(req.body)) return req.body;
  if (typeof req.body === 'string') return Buffer.from(req.body, 'utf8');
  if (req.body !== undefined && req.readableEnded) return Buffer.from(JSON.stringify(req.body), 'utf8');
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= FILE_LIMIT_BYTES) return void chunks.push(chunk);
      // Refuse now, but keep reading (and dropping) the rest: destroying the request would reset
      // the connection and lose the answer; drained, the connection serves the next request.
      req.off('data', onData);
      req.resume();
      chunks.length = 0;
      reject(tooLarge(FILE_LIMIT_BYTES));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
  if (bytes.length === 0) throw new Problem(400, 'The request has no file in its body', '请求体中没有文件');
  return bytes;
}
