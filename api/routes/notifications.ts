import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { IdParams, listOf, named, PAGE_QUERY, pageOf, wholeList } from '../schemas.js';
import { readNotificationPage, slaOf, type WebhookRow } from '../../engine/sla/index.js';
import { regionCodeOf } from '../../engine/index.js';

const TAG = 'Notifications';
const READERS = ['staff', 'supervisor', 'integrator'] as const;

const Notification = named('SlaNotification', {
  type: 'object',
  properties: {
    seq: { type: 'integer', description: 'The position in the feed, in commit order: ask for ?after=<the last seq you saw> to get what is new; a notification committed late is never passed over.' },
    type: { type: 'string', description: 'sla.warning 临期, sla.overdue 超期, sla.escalated 升级督办, sla.supervision.started, sla.clock.paused/resumed/extended, case.evaluated, case.reopened…' },
    at: { type: 'string', format: 'date-time' },
    processInstanceId: { type: 'string' },
    department: { type: 'string' },
    data: { type: 'object' },
  },
});

const Webhook = named('Webhook', {
  type: 'object',
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string' } },
    department: { type: 'string' },
    allDepartments: { type: 'boolean' },
    hasSecret: { type: 'boolean' },
    regionCode: { type: ['string', 'null'], description: "The region its registrant was scoped to: it receives only the events of cases there (null: the whole city). 注册人所辖区域：只接收该区域案件的事件（null 为全市）。" },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
});

function webhookDto(row: WebhookRow) {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    department: row.department,
    allDepartments: row.all_departments,
    hasSecret: row.secret !== null,
    regionCode: regionCodeOf(row.region_path),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * The SLA notification feed (poll with ?after=seq) and webhooks that receive the same events, signed with
 * HMAC-SHA256 (X-Matterflow-Signature: sha256=…) and retried with exponential backoff.
 */
export function notificationRoutes(api: ApiRouter, { engine, db }: AppContext): void {
  const sla = slaOf(engine);

  api.add(
    {
      method: 'get',
      path: '/notifications',
      operationId: 'listSlaNotifications',
      summary: "Your department's SLA events after a sequence number, oldest first",
      summaryZh: '时限通知（临期、超期、督办等），按序号增量拉取',
      tag: TAG,
      roles: READERS,
      query: {
        type: 'object',
        properties: {
          after: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 },
          type: { type: 'string', maxLength: 60 },
          processInstanceId: { type: 'string', format: 'uuid' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          cursor: PAGE_QUERY.cursor,
        },
        additionalProperties: false,
      },
      response: {
        ...pageOf(Notification),
        properties: { ...(pageOf(Notification).properties as object), last: { type: 'integer', description: 'The last seq read: pass as `after` to poll for newer events. 下次轮询的 after' } },
      },
    },
    async (req, res) => {
      const actor = actorOf(req);
      const q = req.query as unknown as { after: number; type?: string; processInstanceId?: string; limit: number; cursor?: string };
      const found = await readNotificationPage(db, actor, { after: q.after, type: q.type, instanceId: q.processInstanceId, limit: q.limit, cursor: q.cursor });
      const items = found.items.map((item) => ({ seq: item.seq, type: item.type, at: item.at.toISOString(), processInstanceId: item.instanceId, department: item.department, data: item.data }));
      res.json({ items, total: found.total, nextCursor: found.nextCursor, last: items.length > 0 ? items[items.length - 1].seq : q.after });
    },
  );

  api.add(
    {
      method: 'post',
      path: '/notifications/webhooks',
      operationId: 'createWebhook',
      summary: "Register a webhook for your department's SLA events (all departments for an administrator who asks)",
      summaryZh: '注册回调地址（接收本部门时限通知）',
      tag: TAG,
      roles: ['integrator', 'supervisor'],
      body: {
        type: 'object',
        properties: {
          url: { type: 'string', format: 'uri', maxLength: 2000 },
          events: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 60 }, maxItems: 50, description: 'Event types to receive; empty: all.' },
          secret: { type: 'string', minLength: 16, maxLength: 200, description: 'Signs each delivery: X-Matterflow-Signature: sha256=HMAC(secret, body).' },
          allDepartments: { type: 'boolean' },
        },
        required: ['url'],
        additionalProperties: false,
      },
      response: Webhook,
      status: 201,
    },
    async (req, res) => {
      res.status(201).json(webhookDto(await sla.webhooks.register(actorOf(req), req.body as { url: string; events?: string[]; secret?: string; allDepartments?: boolean })));
    },
  );

  api.add(
    { method: 'get', path: '/notifications/webhooks', operationId: 'listWebhooks', summary: "Your department's webhooks", summaryZh: '回调地址列表', tag: TAG, roles: ['integrator', 'supervisor'], response: listOf(Webhook) },
    async (req, res) => {
      res.json(wholeList((await sla.webhooks.list(actorOf(req))).map(webhookDto)));
    },
  );

  api.add(
    { method: 'get', path: '/notifications/webhooks/:id/deliveries', operationId: 'listWebhookDeliveries', summary: 'Recent deliveries of a webhook: state, attempts, last status', summaryZh: '回调投递记录', tag: TAG, roles: ['integrator', 'supervisor'], params: IdParams, response: listOf({ type: 'object' }) },
    async (req, res) => {
      res.json(wholeList(await sla.webhooks.deliveries(actorOf(req), String(req.params.id))));
    },
  );

  api.add(
    { method: 'delete', path: '/notifications/webhooks/:id', operationId: 'disableWebhook', summary: 'Disable a webhook; its pending deliveries are dropped', summaryZh: '停用回调地址', tag: TAG, roles: ['integrator', 'supervisor'], params: IdParams, status: 204 },
    async (req, res) => {
      await sla.webhooks.disable(actorOf(req), String(req.params.id));
      res.status(204).end();
    },
  );
}
