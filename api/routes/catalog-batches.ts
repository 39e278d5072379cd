import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { BatchItemSchema, BatchSchema } from '../../catalog/index.js';
import { PAGE_QUERY, pageOf } from '../schemas.js';
import { ANY_USER, CATALOG_EDITORS, catalogOf, handled } from './catalog-shared.js';
import { CatalogChanges } from './catalog-schemas.js';

const TAG = 'Catalog batches';
const IdParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] };
const Items = { type: 'array', items: BatchItemSchema, minItems: 1, maxItems: 20000 };

/**
 * 调整批次: a department's designers and catalog administrators draft additions, modifications
 * and abolitions of its own matters (other departments cannot read the draft); the central
 * catalog administrators (catalog/authority.ts) publish the batch, which creates the new
 * versions at once.
 */
export function catalogBatchRoutes(api: ApiRouter, context: AppContext): void {
  const catalog = catalogOf(context);

  api.add(
    {
      method: 'post',
      path: '/catalog/batches',
      operationId: 'createCatalogBatch',
      summary: 'Create a draft adjustment batch, optionally with its items',
      summaryZh: '新建调整批次（草稿）',
      tag: TAG,
      roles: CATALOG_EDITORS,
      body: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200 },
          reason: { type: 'string', minLength: 1, maxLength: 2000 },
          effectiveDate: { type: 'string', format: 'date' },
          items: Items,
        },
        required: ['name', 'reason', 'effectiveDate'],
        additionalProperties: false,
      },
      response: BatchSchema,
      status: 201,
    },
    handled(async (req, res) => {
      const batch = await catalog.createBatch(actorOf(req), req.body);
      res.status(201).location(`/api/v1/catalog/batches/${batch.id}`).json(batch);
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/batches',
      operationId: 'listCatalogBatches',
      summary: 'Adjustment batches, drafts first, then the published ones newest first',
      summaryZh: '调整批次列表',
      tag: TAG,
      roles: ANY_USER,
      query: { type: 'object', properties: { status: { enum: ['draft', 'published'] }, department: { type: 'string', maxLength: 100 }, ...PAGE_QUERY }, additionalProperties: false },
      response: pageOf(BatchSchema),
    },
    handled(async (req, res) => {
      const q = req.query as Record<string, string | undefined>;
      res.json(await catalog.listBatches(actorOf(req), { status: q.status, department: q.department, limit: q.limit as unknown as number, cursor: q.cursor }));
    }),
  );

  api.add(
    { method: 'get', path: '/catalog/batches/:id', operationId: 'getCatalogBatch', summary: 'A batch with its items', summaryZh: '获取调整批次及其条目', tag: TAG, roles: ANY_USER, params: IdParams, response: BatchSchema },
    handled(async (req, res) => {
      res.json(await catalog.getBatch(actorOf(req), String(req.params.id)));
    }),
  );

  api.add(
    {
      method: 'post',
      path: '/catalog/batches/:id/items',
      operationId: 'putCatalogBatchItems',
      summary: 'Add or replace items of a draft batch (validated together; all or nothing)',
      summaryZh: '向草稿批次添加或替换条目（整体校验）',
      tag: TAG,
      roles: CATALOG_EDITORS,
      params: IdParams,
      body: { type: 'object', properties: { items: Items }, required: ['items'], additionalProperties: false },
      response: BatchSchema,
    },
    handled(async (req, res) => {
      res.json(await catalog.addItems(actorOf(req), String(req.params.id), req.body.items));
    }),
  );

  api.add(
    {
      method: 'delete',
      path: '/catalog/batches/:id/items/:seq',
      operationId: 'deleteCatalogBatchItem',
      summary: 'Remove one item from a draft batch',
      summaryZh: '从草稿批次移除条目',
      tag: TAG,
      roles: CATALOG_EDITORS,
      params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 }, seq: { type: 'string', pattern: '^[0-9]{1,9}$' } }, required: ['id', 'seq'] },
      status: 204,
    },
    handled(async (req, res) => {
      await catalog.removeItem(actorOf(req), String(req.params.id), Number(req.params.seq));
      res.status(204).end();
    }),
  );

  api.add(
    { method: 'delete', path: '/catalog/batches/:id', operationId: 'deleteCatalogBatch', summary: 'Discard a draft batch', summaryZh: '删除草稿批次', tag: TAG, roles: CATALOG_EDITORS, params: IdParams, status: 204 },
    handled(async (req, res) => {
      await catalog.deleteDraft(actorOf(req), String(req.params.id));
      res.status(204).end();
    }),
  );

  api.add(
    {
      method: 'post',
      path: '/catalog/batches/:id/publish',
      operationId: 'publishCatalogBatch',
      summary: 'Publish a draft batch: every new version is created atomically, effective on the batch date',
      summaryZh: '发布调整批次（原子地生成新版本，自生效日期起有效）',
      tag: TAG,
      roles: ['catalog-admin'],
      params: IdParams,
      response: BatchSchema,
    },
    handled(async (req, res) => {
      res.json(await catalog.publishBatch(actorOf(req), String(req.params.id)));
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/batches/:id/diff',
      operationId: 'getCatalogBatchDiff',
      summary: 'What a batch changes (a draft: against the catalog as it stands; published: before and after it)',
      summaryZh: '调整批次的变更内容',
      tag: TAG,
      roles: ANY_USER,
      params: IdParams,
      response: CatalogChanges,
    },
    handled(async (req, res) => {
      res.json(await catalog.batchDiff(actorOf(req), String(req.params.id)));
    }),
  );
}
