import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { instanceDto } from '../dto.js';
import { IdParams, Instance, Variables } from '../schemas.js';
import { addressNormaliser, mergeTicket, takeIn, ticketIntake, type IntakeInput } from '../../catalog/intake/ticket-intake.js';
import { INTAKE_CHANNELS, type IntakeRow } from '../../catalog/store/intake-store.js';
import { ANY_USER, catalogOf, handled } from './catalog-shared.js';
import { nameBook, NO_NAMES, type NameBook } from '../names.js';
import { INTAKE_POST } from '../../catalog/intake/intake-post.js';

const TAG = '民意速办';
const Part = { type: 'object', properties: { term: { type: 'string' }, regionCode: { type: 'string' }, regionName: { type: 'string' }, level: { type: 'string' } } };
const Normalised = {
  type: 'object',
  properties: {
    regionCode: { type: ['string', 'null'] },
    regionName: { type: ['string', 'null'] },
    level: { type: ['string', 'null'] },
    path: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, level: { type: 'string' } } } },
    recognised: { type: 'array', items: Part, description: 'What was recognised in the address. 识别出的地名' },
    ambiguous: { type: 'array', items: { type: 'string' }, description: 'Other regions the address could equally mean' },
  },
  required: ['regionCode', 'recognised'],
};
const Intake = {
  type: 'object',
  properties: {
    processInstanceId: { type: 'string' },
    businessKey: { type: ['string', 'null'] },
    status: { type: 'string' },
    channel: { enum: [...INTAKE_CHANNELS] },
    matterCode: { type: 'string' },
    regionCode: { type: 'string' },
    regionName: { type: ['string', 'null'], description: 'The region by name (镇街 or 村居)' },
    text: { type: 'string' },
    address: { type: ['string', 'null'] },
    recognised: { type: 'array', items: Part },
    longitude: { type: ['number', 'null'] },
    latitude: { type: ['number', 'null'] },
    receivedBy: { type: 'string' },
    receivedByName: { type: ['string', 'null'] },
    receivedAt: { type: 'string', format: 'date-time' },
    mergedInto: { type: ['string', 'null'], description: 'The master ticket this duplicate was merged into' },
    mergeReason: { type: ['string', 'null'] },
    mergedBy: { type: ['string', 'null'] },
    mergedByName: { type: ['string', 'null'] },
    mergedAt: { type: ['string', 'null'], format: 'date-time' },
    readable: { type: 'boolean', description: 'GET …/intake only: whether you may open this ticket (a link to one you may not would answer 404)' },
  },
  required: ['processInstanceId', 'channel', 'matterCode', 'regionCode', 'text', 'receivedAt'],
};
const Code = { type: 'string', minLength: 1, maxLength: 60 };
const Picture = {
  type: 'object',
  properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, contentType: { type: 'string' }, size: { type: 'integer' }, uploadedAt: { type: 'string', format: 'date-time' } },
  required: ['id', 'name', 'contentType'],
};

/** Names for the codes and ids of intake rows: the town or village, who took it in, who merged it. */
function intakeNames(context: AppContext, rows: ReadonlyArray<IntakeRow | null | undefined>): Promise<NameBook> {
  return nameBook(context.engine.staff, rows.flatMap((row) => (row ? [row.receivedBy, row.mergedBy] : [])));
}

function intakeDto(row: IntakeRow, names: NameBook = NO_NAMES) {
  return {
    processInstanceId: row.instanceId,
    businessKey: row.businessKey ?? null,
    status: row.status ?? 'active',
    channel: row.channel,
    matterCode: row.matterCode,
    regionCode: row.regionCode,
    regionName: names.region(row.regionCode),
    text: row.text,
    address: row.address,
    recognised: row.recognised as unknown[],
    longitude: row.longitude,
    latitude: row.latitude,
    receivedBy: row.receivedBy,
    receivedByName: names.user(row.receivedBy),
    receivedAt: new Date(row.receivedAt).toISOString(),
    mergedInto: row.mergedInto,
    mergeReason: row.mergeReason,
    mergedBy: row.mergedBy,
    mergedByName: names.user(row.mergedBy),
    mergedAt: row.mergedAt ? new Date(row.mergedAt).toISOString() : null,
  };
}

/** 集中受理: tickets from every channel, addresses normalised against the region tree, likely duplicates and merging. */
export function hotlineIntakeRoutes(api: ApiRouter, context: AppContext): void {
  const catalog = catalogOf(context);

  api.add(
    {
      method: 'get',
      operationId: 'normaliseAddress',
      path: '/hotline/addresses/normalise',
      summary: 'Normalise an address against the region tree: the town or village it names, and what was recognised',
      summaryZh: '地址标准化：识别镇街、村居并返回区划编码',
      tag: TAG,
      roles: ANY_USER,
      query: { type: 'object', properties: { address: { type: 'string', minLength: 1, maxLength: 300 } }, required: ['address'], additionalProperties: false },
      response: Normalised,
    },
    handled(async (req, res) => {
      res.json(await addressNormaliser(catalog).normalise(String(req.query.address)));
    }),
  );

  api.add(
    {
      method: 'post',
      operationId: 'createHotlineTicket',
      path: '/hotline/tickets',
      summary: `Take in a ticket (集中受理) from phone, web, app or window: text, pictures (before-photos), location and address; answers with the recognised region and the likely duplicates. For holders of the intake post (${INTAKE_POST}) in the department that runs the category's tickets`,
      summaryZh: `集中受理工单（电话、网站、APP、窗口）：诉求内容、图片、位置、地址；返回识别的区划与疑似重复工单。仅限承办该类别工单的部门中持有“${INTAKE_POST}”岗位的人员`,
      tag: TAG,
      roles: ['staff', 'integrator'],
      body: {
        type: 'object',
        properties: {
          channel: { enum: [...INTAKE_CHANNELS], description: 'phone 电话 · web 网站 · app 移动端 · window 窗口' },
          matterCode: Code,
          text: { type: 'string', minLength: 2, maxLength: 4000, description: '诉求内容' },
          address: { type: 'string', minLength: 2, maxLength: 300 },
          regionCode: { type: 'string', minLength: 1, maxLength: 40 },
          location: { type: 'object', properties: { longitude: { type: 'number', minimum: -180, maximum: 180 }, latitude: { type: 'number', minimum: -90, maximum: 90 } }, required: ['longitude', 'latitude'], additionalProperties: false },
          reporter: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, phone: { type: 'string', pattern: '^[0-9+ -]{3,20}$' }, anonymous: { type: 'boolean' } }, required: ['name'], additionalProperties: false },
          data: Variables,
          businessKey: { type: 'string', minLength: 1, maxLength: 200, description: '案件编号; when absent the centre numbers the ticket 12345-YYYYMMDD-NNNN (the day in China time)' },
          pictures: {
            type: 'array',
            maxItems: 9,
            items: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, contentBase64: { type: 'string', minLength: 4, maxLength: 900_000 } }, required: ['name', 'contentBase64'], additionalProperties: false },
          },
        },
        required: ['channel', 'matterCode', 'text', 'reporter'],
        additionalProperties: false,
      },
      response: { type: 'object', properties: { instance: Instance, intake: Intake, address: { oneOf: [Normalised, { type: 'null' }] }, duplicates: { type: 'array', items: Intake } }, required: ['instance', 'intake', 'duplicates'] },
      status: 201,
    },
    handled(async (req, res) => {
      const body = req.body as Omit<IntakeInput, 'pictures'> & { pictures?: Array<{ name: string; contentBase64: string }> };
      const { pictures, ...rest } = body;
      const decoded = pictures?.map((picture) => ({ name: picture.name, content: Buffer.from(picture.contentBase64, 'base64') }));
      const outcome = await takeIn(catalog, actorOf(req), { ...rest, ...(decoded ? { pictures: decoded } : {}) });
      const names = await intakeNames(context, [outcome.intake, ...outcome.duplicates]);
      res
        .status(201)
        .location(`/api/v1/process-instances/${outcome.instance.id}`)
        .json({ instance: instanceDto(outcome.instance), intake: intakeDto(outcome.intake, names), address: outcome.address, duplicates: outcome.duplicates.map((row) => intakeDto(row, names)) });
    }),
  );

  api.add(
    {
      method: 'get',
      operationId: 'getIntake',
      path: '/process-instances/:id/intake',
      summary: `How a ticket came in (for a 重办, how the ticket it reopens came in), the citizen's pictures, the tickets merged into it or the one it was merged into; its likely duplicates (same matter and place within 24 hours) for holders of the intake post (${INTAKE_POST}) of its department. 404 for a case not taken in`,
      summaryZh: `工单受理信息（重办工单为原工单的受理信息）、诉求图片、已合并工单或合并去向；疑似重复工单仅对本部门“${INTAKE_POST}”岗位人员提供。非集中受理的案件答复 404`,
      tag: TAG,
      roles: ['staff', 'supervisor', 'integrator'],
      params: IdParams,
      response: {
        type: 'object',
        properties: {
          intake: Intake,
          master: { oneOf: [Intake, { type: 'null' }], description: 'For a ticket merged away: the ticket it was merged into' },
          duplicates: { type: 'array', items: Intake, description: 'Empty unless you hold the intake post of the department that owns the ticket' },
          merged: { type: 'array', items: Intake },
          pictures: { type: 'array', items: Picture, description: 'The citizen’s pictures: the case’s before-photos not taken at a step (download: GET /attachments/{id})' },
        },
        required: ['intake', 'master', 'duplicates', 'merged', 'pictures'],
      },
    },
    handled(async (req, res) => {
      const found = await ticketIntake(catalog, actorOf(req), String(req.params.id));
      const names = await intakeNames(context, [found.intake, found.master, ...found.duplicates, ...found.merged]);
      const dto = (row: IntakeRow) => ({ ...intakeDto(row, names), readable: found.readable.has(row.instanceId) });
      res.json({
        intake: dto(found.intake),
        master: found.master ? dto(found.master) : null,
        duplicates: found.duplicates.map(dto),
        merged: found.merged.map(dto),
        pictures: found.pictures.map((file) => ({ id: file.id, name: file.name, contentType: file.content_type, size: file.size, uploadedAt: new Date(file.uploaded_at).toISOString() })),
      });
    }),
  );

  api.add(
    {
      method: 'post',
      operationId: 'mergeTicket',
      path: '/process-instances/:id/merge',
      summary: `Merge a duplicate ticket into its master: the link is kept and the duplicate is closed with the reason. For holders of the intake post (${INTAKE_POST}) in the department that owns both`,
      summaryZh: `合并重复工单：关联至主工单并以理由终止本工单。仅限主办部门持有“${INTAKE_POST}”岗位的人员`,
      tag: TAG,
      roles: ['staff'],
      params: IdParams,
      body: { type: 'object', properties: { masterId: { type: 'string', format: 'uuid' }, reason: { type: 'string', minLength: 2, maxLength: 500 } }, required: ['masterId', 'reason'], additionalProperties: false },
      response: Intake,
    },
    handled(async (req, res) => {
      const body = req.body as { masterId: string; reason: string };
      const merged = await mergeTicket(catalog, actorOf(req), String(req.params.id), body);
      res.json(intakeDto(merged, await intakeNames(context, [merged])));
    }),
  );
}
