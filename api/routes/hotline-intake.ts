import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { instanceDto } from '../dto.js';
import { IdParams, Instance, Variables } from '../schemas.js';
import { addressNormaliser, mergeTicket, takeIn, ticketIntake, type IntakeInput } from '../../catalog/intake/ticket-intake.js';
import { INTAKE_CHANNELS, type IntakeRow } from '../../catalog/intake/intake-store.js';
import { ANY_USER, catalogOf, handled } from './catalog-shared.js';

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
    text: { type: 'string' },
    address: { type: ['string', 'null'] },
    recognised: { type: 'array', items: Part },
    longitude: { type: ['number', 'null'] },
    latitude: { type: ['number', 'null'] },
    receivedBy: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
    mergedInto: { type: ['string', 'null'], description: 'The master ticket this duplicate was merged into' },
    mergeReason: { type: ['string', 'null'] },
    mergedBy: { type: ['string', 'null'] },
    mergedAt: { type: ['string', 'null'], format: 'date-time' },
  },
  required: ['processInstanceId', 'channel', 'matterCode', 'regionCode', 'text', 'receivedAt'],
};
const Code = { type: 'string', minLength: 1, maxLength: 60 };

function intakeDto(row: IntakeRow) {
  return {
    processInstanceId: row.instanceId,
    businessKey: row.businessKey ?? null,
    status: row.status ?? 'active',
    channel: row.channel,
    matterCode: row.matterCode,
    regionCode: row.regionCode,
    text: row.text,
    address: row.address,
    recognised: row.recognised as unknown[],
    longitude: row.longitude,
    latitude: row.latitude,
    receivedBy: row.receivedBy,
    receivedAt: new Date(row.receivedAt).toISOString(),
    mergedInto: row.mergedInto,
    mergeReason: row.mergeReason,
    mergedBy: row.mergedBy,
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
      summary: 'Take in a ticket (集中受理) from phone, web, app or window: text, pictures (before-photos), location and address; answers with the recognised region and the likely duplicates',
      summaryZh: '集中受理工单（电话、网站、APP、窗口）：诉求内容、图片、位置、地址；返回识别的区划与疑似重复工单',
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
      res
        .status(201)
        .location(`/api/v1/process-instances/${outcome.instance.id}`)
        .json({ instance: instanceDto(outcome.instance), intake: intakeDto(outcome.intake), address: outcome.address, duplicates: outcome.duplicates.map(intakeDto) });
    }),
  );

  api.add(
    {
      method: 'get',
      operationId: 'getIntake',
      path: '/process-instances/:id/intake',
      summary: 'How a ticket came in, its likely duplicates (same matter and place within 24 hours) and the tickets merged into it',
      summaryZh: '工单受理信息、疑似重复工单与已合并工单',
      tag: TAG,
      roles: ['staff', 'supervisor', 'integrator'],
      params: IdParams,
      response: { type: 'object', properties: { intake: Intake, duplicates: { type: 'array', items: Intake }, merged: { type: 'array', items: Intake } }, required: ['intake', 'duplicates', 'merged'] },
    },
    handled(async (req, res) => {
      const found = await ticketIntake(catalog, actorOf(req), String(req.params.id));
      res.json({ intake: intakeDto(found.intake), duplicates: found.duplicates.map(intakeDto), merged: found.merged.map(intakeDto) });
    }),
  );

  api.add(
    {
      method: 'post',
      operationId: 'mergeTicket',
      path: '/process-instances/:id/merge',
      summary: 'Merge a duplicate ticket into its master: the link is kept and the duplicate is closed with the reason',
      summaryZh: '合并重复工单：关联至主工单并以理由终止本工单',
      tag: TAG,
      roles: ['staff'],
      params: IdParams,
      body: { type: 'object', properties: { masterId: { type: 'string', format: 'uuid' }, reason: { type: 'string', minLength: 2, maxLength: 500 } }, required: ['masterId', 'reason'], additionalProperties: false },
      response: Intake,
    },
    handled(async (req, res) => {
      const body = req.body as { masterId: string; reason: string };
      res.json(intakeDto(await mergeTicket(catalog, actorOf(req), String(req.params.id), body)));
    }),
  );
}
