import type { Request } from 'express';
import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { CategoryNodeSchema, MatterImplSchema, MatterSchema, OrganisationSchema, RegionSchema, SCHEMES, MATTER_TYPES, type Matter, type MatterImpl, type Versioned } from '../../catalog/index.js';
import { ANY_USER, AsOf, catalogOf, CodeParams, handled, offsetOf, Page, rankedPage, rankedPageOf } from './catalog-shared.js';
import { listOf, named, wholeList } from '../schemas.js';
import { CatalogDiff, MatterVersion } from './catalog-schemas.js';

const TAG = 'Catalog';

const MatterSummarySchema = named('MatterSummary', {
  type: 'object',
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'integer' },
    matterType: { type: 'string' },
    department: { type: 'string' },
    departmentName: { type: ['string', 'null'] },
    aliases: { type: 'array', items: { type: 'string' } },
    serviceObjects: { type: 'array', items: { type: 'string' } },
    themes: { type: 'array', items: { type: 'string' } },
    channels: { type: 'array', items: { type: 'string' } },
  },
});
const VersionFields = { version: { type: 'integer' }, validFrom: { type: 'string' }, validTo: { type: ['string', 'null'] } };
const MatterDetail = named('Matter', { allOf: [MatterSchema, { type: 'object', properties: { ...VersionFields, departmentName: { type: ['string', 'null'] }, processId: { type: ['string', 'null'] } } }] });
const ImplDetail = named('Implementation', { allOf: [MatterImplSchema, { type: 'object', properties: VersionFields }] });
const MatterSearchPage = named('MatterSearchPage', rankedPageOf(MatterSummarySchema));
const ImplementationSearchPage = named('ImplementationSearchPage', rankedPageOf(ImplDetail));

/** Browsing and searching the catalog (事项目录): open to every signed-in user. */
export function catalogRoutes(api: ApiRouter, context: AppContext): void {
  const catalog = catalogOf(context);
  const num = (req: Request, name: string) => req.query[name] as unknown as number | undefined;
  const str = (req: Request, name: string) => (req.query[name] === undefined || req.query[name] === '' ? undefined : String(req.query[name]));

  api.add(
    {
      method: 'get',
      path: '/catalog/matters',
      operationId: 'listMatters',
      summary: 'Search matters: Chinese substring or pinyin initials over names, aliases and legal basis, with filters',
      summaryZh: '检索事项（名称、别名、设定依据的中文子串或拼音首字母，可按部门、区划、分类、类型、服务对象、主题、渠道筛选）',
      tag: TAG,
      roles: ANY_USER,
      query: {
        type: 'object',
        properties: {
          q: { type: 'string', maxLength: 100 },
          department: { type: 'string', maxLength: 100 },
          region: { type: 'string', maxLength: 40 },
          classification: { type: 'string', maxLength: 20 },
          scheme: { enum: [...SCHEMES] },
          matterType: { enum: [...MATTER_TYPES] },
          serviceObject: { enum: ['自然人', '法人', '其他组织'] },
          theme: { type: 'string', maxLength: 50 },
          channel: { enum: ['窗口', '网办', '掌办', '自助', '邮寄'] },
          asOf: AsOf,
          ...Page,
        },
        additionalProperties: false,
      },
      response: MatterSearchPage,
    },
    handled(async (req, res) => {
      const offset = offsetOf(req);
      res.json(
        rankedPage(await catalog.searchMatters({
          q: str(req, 'q'),
          department: str(req, 'department'),
          region: str(req, 'region'),
          classification: str(req, 'classification'),
          scheme: str(req, 'scheme'),
          matterType: str(req, 'matterType'),
          serviceObject: str(req, 'serviceObject'),
          theme: str(req, 'theme'),
          channel: str(req, 'channel'),
          asOf: str(req, 'asOf'),
          limit: num(req, 'limit'),
          offset,
        }), offset),
      );
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/matters/:code',
      operationId: 'getMatter',
      summary: 'A matter as of a date (or one version): legal basis, limits, materials, bound process',
      summaryZh: '获取事项（按日期或版本）：设定依据、时限、材料、绑定流程',
      tag: TAG,
      roles: ANY_USER,
      params: CodeParams,
      query: { type: 'object', properties: { asOf: AsOf, version: { type: 'integer', minimum: 1 } }, additionalProperties: false },
      response: MatterDetail,
    },
    handled(async (req, res) => {
      const code = String(req.params.code);
      const version = num(req, 'version');
      const found = version ? await catalog.matterVersion(code, version) : await catalog.getMatter(code, str(req, 'asOf'));
      res.json(await matterDetail(found));
    }),
  );

  async function matterDetail(found: Versioned<Matter>) {
    const [names, binding] = await Promise.all([catalog.organisationNames([found.document.competentDept]), catalog.cityBinding(found.code)]);
    const processId = binding?.processId ?? found.document.process?.processId ?? null;
    return {
      ...found.document,
      version: found.version,
      validFrom: found.validFrom,
      validTo: found.validTo,
      department: found.document.competentDept,
      departmentName: names.get(found.document.competentDept) ?? null,
      processId,
      processDepartment: binding?.department ?? found.document.process?.department ?? null,
    };
  }

  api.add(
    { method: 'get', path: '/catalog/matters/:code/versions', operationId: 'listMatterVersions', summary: "A matter's versions, oldest first, with the batch of each", summaryZh: '事项的历次版本（含调整批次）', tag: TAG, roles: ANY_USER, params: CodeParams, response: listOf(MatterVersion) },
    handled(async (req, res) => {
      res.json(wholeList(await catalog.matterVersions(String(req.params.code))));
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/matters/:code/implementations',
      operationId: 'listMatterImplementations',
      summary: "A matter's implementation entries (实施清单), optionally in one region and below",
      summaryZh: '事项的实施清单（可按区划筛选）',
      tag: TAG,
      roles: ANY_USER,
      params: CodeParams,
      query: { type: 'object', properties: { region: { type: 'string', maxLength: 40 }, asOf: AsOf, ...Page }, additionalProperties: false },
      response: ImplementationSearchPage,
    },
    handled(async (req, res) => {
      const code = String(req.params.code);
      await catalog.getMatter(code, str(req, 'asOf'));
      const offset = offsetOf(req);
      const found = await catalog.implementations({ matterCode: code, regionCode: str(req, 'region'), asOf: str(req, 'asOf'), limit: num(req, 'limit'), offset });
      res.json(rankedPage({ ...found, items: found.items.map(implDetail) }, offset));
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/implementations',
      operationId: 'listImplementations',
      summary: 'Implementation entries by matter, region (and below) or unit',
      summaryZh: '实施清单查询（按事项、区划及下级、单位）',
      tag: TAG,
      roles: ANY_USER,
      query: {
        type: 'object',
        properties: { matter: { type: 'string', maxLength: 60 }, region: { type: 'string', maxLength: 40 }, unit: { type: 'string', maxLength: 100 }, asOf: AsOf, ...Page },
        additionalProperties: false,
      },
      response: ImplementationSearchPage,
    },
    handled(async (req, res) => {
      const offset = offsetOf(req);
      const found = await catalog.implementations({
        matterCode: str(req, 'matter'),
        regionCode: str(req, 'region'),
        unit: str(req, 'unit'),
        asOf: str(req, 'asOf'),
        limit: num(req, 'limit'),
        offset,
      });
      res.json(rankedPage({ ...found, items: found.items.map(implDetail) }, offset));
    }),
  );

  api.add(
    { method: 'get', path: '/catalog/implementations/:code', operationId: 'getImplementation', summary: 'One implementation entry as of a date', summaryZh: '获取实施清单条目', tag: TAG, roles: ANY_USER, params: CodeParams, query: { type: 'object', properties: { asOf: AsOf }, additionalProperties: false }, response: ImplDetail },
    handled(async (req, res) => {
      res.json(implDetail(await catalog.getImplementation(String(req.params.code), str(req, 'asOf'))));
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/classifications',
      operationId: 'listClassifications',
      summary: 'The nodes of one classification scheme (flat, parents first) with the number of matters under each',
      summaryZh: '分类树（含各节点事项数）',
      tag: TAG,
      roles: ANY_USER,
      query: { type: 'object', properties: { scheme: { enum: [...SCHEMES], default: 'DEPT' }, asOf: AsOf }, additionalProperties: false },
      response: listOf({ allOf: [CategoryNodeSchema, { type: 'object', properties: { count: { type: 'integer' } } }] }),
    },
    handled(async (req, res) => {
      res.json(wholeList(await catalog.classificationTree(String(req.query.scheme), str(req, 'asOf'))));
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/organisations',
      operationId: 'listOrganisations',
      summary: 'Organisations: departments, branches, town governments, committees, utilities',
      summaryZh: '组织机构列表',
      tag: TAG,
      roles: ANY_USER,
      query: { type: 'object', properties: { kind: { type: 'string', maxLength: 50 }, parent: { type: 'string', maxLength: 100 } }, additionalProperties: false },
      response: listOf(OrganisationSchema),
    },
    handled(async (req, res) => {
      res.json(wholeList(await catalog.organisations({ kind: str(req, 'kind'), parentCode: str(req, 'parent') })));
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/regions',
      operationId: 'listRegions',
      summary: 'Regions: city, county, town/street/zone, village/community, grid',
      summaryZh: '行政区划与网格',
      tag: TAG,
      roles: ANY_USER,
      query: { type: 'object', properties: { parent: { type: 'string', maxLength: 40 }, level: { enum: ['city', 'county', 'town', 'village', 'grid'] } }, additionalProperties: false },
      response: listOf(RegionSchema),
    },
    handled(async (req, res) => {
      res.json(wholeList(await catalog.regions({ parentCode: str(req, 'parent'), level: str(req, 'level') })));
    }),
  );

  api.add(
    {
      method: 'post',
      path: '/catalog/reference-data',
      operationId: 'putReferenceData',
      summary: 'Add or replace organisations, regions and classification nodes (checked together with what is stored: cycles, unknown parents, duplicates)',
      summaryZh: '新增或修改组织机构、区划、分类节点（与现有数据一并校验）',
      tag: TAG,
      roles: ['catalog-admin'],
      body: {
        type: 'object',
        properties: {
          organisations: { type: 'array', items: { type: 'object' }, maxItems: 50000 },
          regions: { type: 'array', items: { type: 'object' }, maxItems: 50000 },
          classifications: { type: 'array', items: { type: 'object' }, maxItems: 50000 },
        },
        additionalProperties: false,
      },
      response: { type: 'object', properties: { organisations: { type: 'integer' }, regions: { type: 'integer' }, classifications: { type: 'integer' } } },
    },
    handled(async (req, res) => {
      res.json(await catalog.updateReferenceData(actorOf(req), req.body));
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/diff',
      operationId: 'getCatalogDiff',
      summary: 'What changed between two dates or two published batches (ids), entry by entry and field by field',
      summaryZh: '两个日期或两个已发布批次之间的目录差异',
      tag: TAG,
      roles: ANY_USER,
      query: { type: 'object', properties: { from: { type: 'string', minLength: 1, maxLength: 40 }, to: { type: 'string', minLength: 1, maxLength: 40 } }, required: ['from', 'to'], additionalProperties: false },
      response: CatalogDiff,
    },
    handled(async (req, res) => {
      const [from, to] = await Promise.all([catalog.point(String(req.query.from)), catalog.point(String(req.query.to))]);
      res.json({ from, to, ...(await catalog.diff(from, to)) });
    }),
  );
}

function implDetail(found: Versioned<MatterImpl>) {
  return { ...found.document, version: found.version, validFrom: found.validFrom, validTo: found.validTo };
}
