import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import { Problem } from '../http/problem.js';
import type { AppContext } from '../context.js';
import { nameBook } from '../names.js';
import { IdParams, listOf, named, PAGE_QUERY, pageOf, wholeList } from '../schemas.js';
import { Duration } from './sla-schemas.js';
import { slaOf } from '../../engine/sla/index.js';
import { ATTACHMENT_KINDS, ATTACHMENT_TYPES, type AttachmentRow } from '../../engine/operations/attachments.js';
import { PHRASE_KINDS, type PhraseKind } from '../../engine/operations/opinions.js';
import type { ExtensionRequestRow } from '../../engine/sla/extension-requests.js';

const TAG = 'Task operations';
const READERS = ['staff', 'supervisor', 'integrator', 'designer'] as const;
const EVERYONE = ['admin', 'designer', 'staff', 'integrator', 'catalog-admin', 'supervisor', 'department-admin'] as const;
const Reason = { type: 'string', minLength: 2, maxLength: 500 };
const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

const Attachment = named('Attachment', {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    processInstanceId: { type: 'string', format: 'uuid' },
    taskId: { type: ['string', 'null'] },
    name: { type: 'string' },
    kind: { enum: [...ATTACHMENT_KINDS], description: 'before 处置前照片 · after 处置后照片 · material 申请材料 · other 其他' },
    contentType: { type: 'string', description: 'Sniffed from the content. 按内容识别的类型' },
    size: { type: 'integer' },
    sha256: { type: 'string' },
    uploadedBy: { type: 'string' },
    uploadedByName: { type: ['string', 'null'] },
    uploadedAt: { type: 'string', format: 'date-time' },
  },
});

const ExtensionRequest = named('ExtensionRequest', {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    processInstanceId: { type: 'string', format: 'uuid' },
    taskId: { type: ['string', 'null'] },
    duration: Duration,
    reason: { type: 'string' },
    legalBasis: { type: ['string', 'null'] },
    requestedBy: { type: 'string' },
    requestedAt: { type: 'string', format: 'date-time' },
    state: { enum: ['pending', 'approved', 'rejected'], description: 'pending 待审批 · approved 已批准 · rejected 已驳回' },
    decidedBy: { type: ['string', 'null'] },
    decidedAt: { type: ['string', 'null'] },
    decisionReason: { type: ['string', 'null'] },
  },
});

function extensionDto(row: ExtensionRequestRow) {
  return {
    id: row.id,
    processInstanceId: row.instance_id,
    taskId: row.task_id,
    duration: row.duration,
    reason: row.reason,
    legalBasis: row.legal_basis,
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at),
    state: row.state,
    decidedBy: row.decided_by,
    decidedAt: iso(row.decided_at),
    decisionReason: row.decision_reason,
  };
}

/** 抄送, opinions, attachments, 委托 for a period, my notifications and 延期申请: what staff do around a case (D11). */
export function caseOperationRoutes(api: ApiRouter, { engine }: AppContext): void {
  const { operations } = engine;
  const sla = slaOf(engine);
  const attachmentDto = async (rows: AttachmentRow[]) => {
    const names = await nameBook(engine.staff, rows.map((row) => row.uploaded_by));
    return rows.map((row) => ({
      id: row.id,
      processInstanceId: row.instance_id,
      taskId: row.task_id,
      name: row.name,
      kind: row.kind,
      contentType: row.content_type,
      size: row.size,
      sha256: row.sha256,
      uploadedBy: row.uploaded_by,
      uploadedByName: names.user(row.uploaded_by),
      uploadedAt: iso(row.uploaded_at),
    }));
  };

  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/cc',
      operationId: 'copyProcessInstance',
      summary: 'Copy the case (抄送) to people: they may read it and its trail, and are notified',
      summaryZh: '抄送案件（被抄送人可查看案件及轨迹，并收到通知）',
      tag: TAG,
      roles: ['staff', 'supervisor'],
      params: IdParams,
      body: { type: 'object', properties: { users: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' }, minItems: 1, maxItems: 50 }, reason: Reason }, required: ['users', 'reason'], additionalProperties: false },
      response: { type: 'object', properties: { copiedTo: { type: 'array', items: { type: 'string' } } }, required: ['copiedTo'] },
    },
    async (req, res) => {
      res.json(await operations.copyCase(actorOf(req), String(req.params.id), req.body));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/process-instances/:id/opinions',
      operationId: 'listProcessInstanceOpinions',
      summary: 'Every opinion (审批意见) given on the case, in order, with the step and who gave it',
      summaryZh: '案件的审批意见（按时间顺序）',
      tag: TAG,
      roles: READERS,
      params: IdParams,
      response: listOf({
        type: 'object',
        properties: { at: { type: 'string', format: 'date-time' }, type: { type: 'string' }, elementId: { type: ['string', 'null'] }, elementName: { type: ['string', 'null'] }, actor: { type: ['string', 'null'] }, actorName: { type: ['string', 'null'] }, opinion: { type: 'string' } },
      }),
    },
    async (req, res) => {
      const opinions = await operations.opinions(actorOf(req), String(req.params.id));
      const names = await nameBook(engine.staff, opinions.map((opinion) => opinion.actor));
      res.json(wholeList(opinions.map((opinion) => ({ ...opinion, at: iso(opinion.at), actorName: names.user(opinion.actor) }))));
    },
  );

  const Phrase = named('OpinionPhrase', { type: 'object', properties: { id: { type: ['string', 'null'] }, scope: { enum: ['system', 'department', 'mine'] }, text: { type: 'string' } } });
  api.add(
    {
      method: 'get',
      path: '/opinion-phrases',
      operationId: 'listOpinionPhrases',
      summary: 'Phrases to pick for an opinion (常用语): the system’s for the kind of case (approval: 审批 of an application; appeal: 12345 and 基层治理 handling), your department’s, your own',
      summaryZh: '办理意见常用语（审批类或诉求处置类）',
      tag: TAG,
      roles: EVERYONE,
      query: { type: 'object', properties: { kind: { enum: [...PHRASE_KINDS], default: 'approval' } }, additionalProperties: false },
      response: listOf(Phrase),
    },
    async (req, res) => {
      res.json(wholeList(await operations.phrases(actorOf(req), (req.query as { kind: PhraseKind }).kind)));
    },
  );
  api.add(
    {
      method: 'post',
      path: '/opinion-phrases',
      operationId: 'createOpinionPhrase',
      summary: 'Add a phrase of your own (or, a department administrator, of the department)',
      summaryZh: '添加常用语',
      tag: TAG,
      roles: EVERYONE,
      body: { type: 'object', properties: { text: { type: 'string', minLength: 1, maxLength: 200 }, scope: { enum: ['mine', 'department'], default: 'mine' } }, required: ['text'], additionalProperties: false },
      response: Phrase,
      status: 201,
    },
    async (req, res) => {
      res.status(201).json(await operations.addPhrase(actorOf(req), req.body));
    },
  );
  api.add(
    { method: 'delete', path: '/opinion-phrases/:id', operationId: 'deleteOpinionPhrase', summary: 'Remove a phrase of yours (or of your department, as its administrator)', summaryZh: '删除常用语', tag: TAG, roles: EVERYONE, params: IdParams, status: 204 },
    async (req, res) => {
      await operations.removePhrase(actorOf(req), String(req.params.id));
      res.status(204).end();
    },
  );

  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/attachments',
      operationId: 'createAttachment',
      summary: 'Attach a file to the case (附件): the raw bytes as the body; its type is sniffed from the content (photos, PDF, OFD, Word, Excel)',
      summaryZh: '上传案件附件（请求体为文件内容；按内容识别类型）',
      tag: TAG,
      roles: ['staff', 'supervisor', 'integrator'],
      params: IdParams,
      query: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^/\\\\\\u0000-\\u001f]+$' },
          kind: { enum: [...ATTACHMENT_KINDS], default: 'material' },
          taskId: { type: 'string', format: 'uuid' },
        },
        required: ['name'],
        additionalProperties: false,
      },
      bodyMediaTypes: Object.fromEntries([...Object.keys(ATTACHMENT_TYPES), 'application/octet-stream'].map((type) => [type, { type: 'string', format: 'binary' }])),
      response: Attachment,
      status: 201,
    },
    async (req, res) => {
      if (!Buffer.isBuffer(req.body)) {
        throw new Problem(415, 'Send the file’s bytes as the body (e.g. Content-Type: image/jpeg or application/octet-stream)', '请以文件内容作为请求体上传（如 Content-Type: image/jpeg 或 application/octet-stream）');
      }
      const q = req.query as { name: string; kind: (typeof ATTACHMENT_KINDS)[number]; taskId?: string };
      const row = await operations.addAttachment(actorOf(req), String(req.params.id), { name: q.name, kind: q.kind, taskId: q.taskId, content: req.body });
      res.status(201).location(`/api/v1/attachments/${row.id}`).json((await attachmentDto([row]))[0]);
    },
  );
  api.add(
    { method: 'get', path: '/process-instances/:id/attachments', operationId: 'listAttachments', summary: 'The attachments of a case (without their content)', summaryZh: '案件附件列表', tag: TAG, roles: READERS, params: IdParams, response: listOf(Attachment) },
    async (req, res) => {
      res.json(wholeList(await attachmentDto(await operations.attachments(actorOf(req), String(req.params.id)))));
    },
  );
  api.add(
    { method: 'get', path: '/attachments/:id', operationId: 'downloadAttachment', summary: 'Download an attachment (the download is recorded)', summaryZh: '下载附件（下载记录留存）', tag: TAG, roles: READERS, params: IdParams, responseMediaTypes: { '*/*': { type: 'string', format: 'binary', description: 'The file as uploaded, with its own Content-Type' } } },
    async (req, res) => {
      const file = await operations.download(actorOf(req), String(req.params.id));
      res
        .status(200)
        .type(file.content_type)
        .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .setHeader('X-Content-Type-Options', 'nosniff')
        .send(file.content);
    },
  );
  api.add(
    {
      method: 'get',
      path: '/attachments/:id/downloads',
      operationId: 'listAttachmentDownloads',
      summary: 'Who downloaded an attachment, and when',
      summaryZh: '附件下载记录',
      tag: TAG,
      roles: READERS,
      params: IdParams,
      response: listOf({ type: 'object', properties: { userId: { type: 'string' }, userName: { type: ['string', 'null'] }, at: { type: 'string', format: 'date-time' } } }),
    },
    async (req, res) => {
      const rows = await operations.downloads(actorOf(req), String(req.params.id));
      const names = await nameBook(engine.staff, rows.map((row) => row.user_id));
      res.json(wholeList(rows.map((row) => ({ userId: row.user_id, userName: names.user(row.user_id), at: iso(row.at) }))));
    },
  );

  const Delegation = named('Delegation', {
    type: 'object',
    properties: {
      id: { type: 'string' },
      userId: { type: 'string' },
      delegate: { type: 'string' },
      delegateName: { type: ['string', 'null'] },
      startsAt: { type: 'string', format: 'date-time' },
      endsAt: { type: 'string', format: 'date-time' },
      processId: { type: ['string', 'null'] },
      reason: { type: 'string' },
    },
  });
  api.add(
    { method: 'get', path: '/delegations', operationId: 'listDelegations', summary: 'Your delegations for a period (委托), given and received, not over yet', summaryZh: '我的委托（委托他人与受托）', tag: TAG, roles: ['staff', 'supervisor'], response: listOf(Delegation) },
    async (req, res) => {
      const rows = await operations.delegations(actorOf(req));
      const names = await nameBook(engine.staff, rows.map((row) => row.delegate));
      res.json(wholeList(rows.map((row) => ({ id: row.id, userId: row.user_id, delegate: row.delegate, delegateName: names.user(row.delegate), startsAt: iso(row.starts_at), endsAt: iso(row.ends_at), processId: row.process_id, reason: row.reason }))));
    },
  );
  api.add(
    {
      method: 'post',
      path: '/delegations',
      operationId: 'createDelegation',
      summary: 'Delegate your tasks for a period (leave, 出差) to a colleague: they see and work the tasks assigned to you, recorded as done for you',
      summaryZh: '委托代理（请假、出差期间由同事代为办理分配给本人的任务）',
      tag: TAG,
      roles: ['staff', 'supervisor'],
      body: {
        type: 'object',
        properties: { delegate: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' }, startsAt: { type: 'string', format: 'date-time' }, endsAt: { type: 'string', format: 'date-time' }, processId: { type: 'string', maxLength: 200 }, reason: Reason },
        required: ['delegate', 'startsAt', 'endsAt', 'reason'],
        additionalProperties: false,
      },
      response: Delegation,
      status: 201,
    },
    async (req, res) => {
      const body = req.body as { delegate: string; startsAt: string; endsAt: string; processId?: string; reason: string };
      const row = await operations.createDelegation(actorOf(req), { ...body, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) });
      res.status(201).json({ id: row.id, userId: row.user_id, delegate: row.delegate, delegateName: null, startsAt: iso(row.starts_at), endsAt: iso(row.ends_at), processId: row.process_id, reason: row.reason });
    },
  );
  api.add(
    { method: 'delete', path: '/delegations/:id', operationId: 'deleteDelegation', summary: 'End one of your delegations now', summaryZh: '撤销委托', tag: TAG, roles: ['staff', 'supervisor'], params: IdParams, status: 204 },
    async (req, res) => {
      await operations.revokeDelegation(actorOf(req), String(req.params.id));
      res.status(204).end();
    },
  );

  api.add(
    {
      method: 'get',
      path: '/me/notifications',
      operationId: 'listMyNotifications',
      summary: 'Your notifications (催办, 抄送, tasks handed to you), newest first',
      summaryZh: '我的消息（催办、抄送、转交给我的任务）',
      tag: TAG,
      roles: EVERYONE,
      query: {
        type: 'object',
        properties: { unread: { type: 'boolean' }, before: { type: 'integer', minimum: 1, description: 'Older than this sequence number' }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, cursor: PAGE_QUERY.cursor },
        additionalProperties: false,
      },
      response: pageOf(named('UserNotification', { type: 'object', properties: { seq: { type: 'integer' }, type: { type: 'string' }, at: { type: 'string', format: 'date-time' }, processInstanceId: { type: 'string' }, data: { type: 'object' }, read: { type: 'boolean' } } })),
    },
    async (req, res) => {
      const page = await operations.notifications(actorOf(req), req.query as never);
      res.json({ ...page, items: page.items.map((row) => ({ seq: Number(row.seq), type: row.type, at: iso(row.at), processInstanceId: row.instance_id, data: row.data, read: row.read_at !== null })) });
    },
  );
  api.add(
    {
      method: 'post',
      path: '/me/notifications/read',
      operationId: 'markMyNotificationsRead',
      summary: 'Mark your notifications up to a sequence number as read',
      summaryZh: '将消息标记为已读',
      tag: TAG,
      roles: EVERYONE,
      body: { type: 'object', properties: { upTo: { type: 'integer', minimum: 1 } }, required: ['upTo'], additionalProperties: false },
      response: { type: 'object', properties: { marked: { type: 'integer' } }, required: ['marked'] },
    },
    async (req, res) => {
      res.json({ marked: await operations.markNotificationsRead(actorOf(req), req.body.upTo) });
    },
  );

  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/extension-requests',
      operationId: 'createExtensionRequest',
      summary: 'Ask for an extension (延期申请), with a reason: the clocks move only when the post the rule names grants it, within what the matter or profile allows',
      summaryZh: '延期申请（经有权岗位批准后才延长时限，且不超过事项或规则允许的期限）',
      tag: TAG,
      roles: ['staff', 'supervisor'],
      params: IdParams,
      body: {
        type: 'object',
        properties: { duration: Duration, reason: Reason, legalBasis: { type: 'string', minLength: 2, maxLength: 300 }, taskId: { type: 'string', format: 'uuid' } },
        required: ['duration', 'reason'],
        additionalProperties: false,
      },
      response: ExtensionRequest,
      status: 201,
    },
    async (req, res) => {
      res.status(201).json(extensionDto(await sla.extensionRequests.request(actorOf(req), String(req.params.id), req.body)));
    },
  );
  api.add(
    { method: 'get', path: '/process-instances/:id/extension-requests', operationId: 'listExtensionRequests', summary: 'The extension requests of a case', summaryZh: '案件的延期申请', tag: TAG, roles: READERS, params: IdParams, response: listOf(ExtensionRequest) },
    async (req, res) => {
      res.json(wholeList((await sla.extensionRequests.list(actorOf(req), String(req.params.id))).map(extensionDto)));
    },
  );
  for (const [decision, operationId, summary, summaryZh] of [
    ['approve', 'approveExtensionRequest', 'Grant an extension request (as a holder of the post the rule names): the clocks move now', '批准延期申请'],
    ['reject', 'rejectExtensionRequest', 'Refuse an extension request, with a reason', '驳回延期申请'],
  ] as const) {
    api.add(
      {
        method: 'post',
        path: `/extension-requests/:id/${decision}`,
        operationId,
        summary,
        summaryZh,
        tag: TAG,
        roles: ['staff', 'supervisor'],
        params: IdParams,
        body: { type: 'object', properties: { reason: Reason }, ...(decision === 'reject' ? { required: ['reason'] } : {}), additionalProperties: false },
        response: ExtensionRequest,
      },
      async (req, res) => {
        const actor = actorOf(req);
        const row = decision === 'approve' ? await sla.extensionRequests.approve(actor, String(req.params.id), req.body ?? {}) : await sla.extensionRequests.reject(actor, String(req.params.id), req.body);
        res.json(extensionDto(row));
      },
    );
  }
}
