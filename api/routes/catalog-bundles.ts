import { BundleSchema, bundleProcessId, generatedFlow, startBundleCase, type Bundle, type Matter, type Versioned } from '../../catalog/index.js';
import type { AppContext } from '../context.js';
import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import { Instance, listOf, named, PAGE_QUERY, pageOf, wholeList } from '../schemas.js';
import { ANY_USER, APPLICATION_PROPERTIES, AsOf, catalogOf, CodeParams, handled, sendStartedCase } from './catalog-shared.js';
import { BPMN_FILE, BundleCase } from './catalog-schemas.js';

const TAG = 'Catalog 一件事';

const BundleSummary = named('BundleSummary', {
  type: 'object',
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'integer' },
    batch: { type: ['string', 'null'] },
    lifecycle: { type: 'string' },
    stage: { type: ['string', 'null'] },
    leadDept: { type: 'string' },
    departments: { type: 'array', items: { type: 'string' } },
    components: { type: 'integer' },
    promisedTimeLimit: { type: ['object', 'null'] },
  },
});

const ComponentDetail = {
  type: 'object',
  properties: {
    matterCode: { type: 'string' },
    matterName: { type: 'string' },
    department: { type: 'string' },
    departmentName: { type: ['string', 'null'] },
    optional: { type: 'boolean' },
    condition: { type: ['string', 'null'] },
    dependsOn: { type: 'array', items: { type: 'string' } },
    legalTimeLimit: { type: ['object', 'null'] },
    promisedTimeLimit: { type: ['object', 'null'] },
  },
};

function summary(entry: Versioned<Bundle>) {
  const bundle = entry.document;
  return {
    code: entry.code,
    name: bundle.name,
    version: entry.version,
    batch: bundle.batch ?? null,
    lifecycle: bundle.lifecycle,
    stage: bundle.stage ?? null,
    leadDept: bundle.leadDept,
    departments: [bundle.leadDept, ...(bundle.coDepts ?? [])],
    components: bundle.components.length,
    promisedTimeLimit: bundle.promisedTimeLimit ?? null,
  };
}

/** 一件事 bundles: browse them, download the flow generated for one, start a bundle case. */
export function catalogBundleRoutes(api: ApiRouter, context: AppContext): void {
  const catalog = catalogOf(context);

  api.add(
    {
      method: 'get',
      path: '/catalog/bundles',
      operationId: 'listBundles',
      summary: '一件事 bundles as of a date, optionally of one lead department or containing one matter',
      summaryZh: '一件事清单（可按牵头部门或所含事项筛选）',
      tag: TAG,
      roles: ANY_USER,
      query: {
        type: 'object',
        properties: { asOf: AsOf, department: { type: 'string', minLength: 1, maxLength: 100 }, matterCode: { type: 'string', minLength: 1, maxLength: 60 } },
        additionalProperties: false,
      },
      response: { ...listOf(BundleSummary), properties: { ...(listOf(BundleSummary).properties as object), asOf: { type: 'string', format: 'date' } } },
    },
    handled(async (req, res) => {
      const found = await catalog.bundles({ asOf: req.query.asOf as string | undefined, department: req.query.department as string | undefined, matterCode: req.query.matterCode as string | undefined });
      res.json({ ...wholeList(found.items.map(summary)), asOf: found.asOf });
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/bundles/:code',
      operationId: 'getBundle',
      summary: 'A 一件事 bundle as of a date, with its component matters (department, limits) as of the same date',
      summaryZh: '一件事详情（含各组成事项的部门与时限）',
      tag: TAG,
      roles: ANY_USER,
      params: CodeParams,
      query: { type: 'object', properties: { asOf: AsOf }, additionalProperties: false },
      response: {
        type: 'object',
        properties: {
          ...(BundleSchema.properties as object),
          version: { type: 'integer' },
          validFrom: { type: 'string' },
          departmentNames: { type: 'object', additionalProperties: { type: 'string' }, description: 'Department code → name' },
          processId: { type: 'string', description: "The lead department's process for the bundle (bundle-<code>)" },
          componentMatters: { type: 'array', items: ComponentDetail },
        },
      },
    },
    handled(async (req, res) => {
      const { bundle, matters } = await catalog.getBundle(String(req.params.code), req.query.asOf as string | undefined);
      const codes = [bundle.document.leadDept, ...(bundle.document.coDepts ?? []), ...[...matters.values()].map((matter) => matter.document.competentDept)];
      const nameOf = await catalog.organisationNames(codes);
      res.json({
        ...bundle.document,
        version: bundle.version,
        validFrom: bundle.validFrom,
        departmentNames: Object.fromEntries(nameOf),
        processId: bundleProcessId(bundle.code),
        componentMatters: bundle.document.components.map((component) => {
          const matter = matters.get(component.matterCode)?.document as Matter | undefined;
          return {
            matterCode: component.matterCode,
            matterName: matter?.name ?? component.matterCode,
            department: matter?.competentDept ?? null,
            departmentName: matter ? (nameOf.get(matter.competentDept) ?? null) : null,
            optional: component.optional ?? false,
            condition: component.condition ?? null,
            dependsOn: component.dependsOn ?? [],
            legalTimeLimit: matter?.legalTimeLimit ?? null,
            promisedTimeLimit: matter?.promisedTimeLimit ?? null,
          };
        }),
      });
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/bundles/:code/process',
      operationId: 'getBundleProcess',
      summary: "The cross-department flow generated for a bundle, as BPMN XML (with diagram) to open in the designer, adapt and deploy as the lead department",
      summaryZh: '按一件事生成的跨部门流程（BPMN，含图形），可在设计器中打开、修改后由牵头部门部署',
      tag: TAG,
      roles: ANY_USER,
      params: CodeParams,
      responseMediaTypes: BPMN_FILE,
    },
    handled(async (req, res) => {
      const { bundle, matters } = await catalog.getBundle(String(req.params.code));
      const xml = await generatedFlow(catalog, bundle.document, matters);
      res.attachment(`bundle-${bundle.code}.bpmn`).type('application/bpmn+xml; charset=utf-8').send(xml);
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/bundles/:code/cases',
      operationId: 'listBundleCases',
      summary: 'Cases started for a 一件事 that you may read, each with the bundle version it runs under',
      summaryZh: '一件事的办件（可查看的），含各办件所依据的一件事版本',
      tag: TAG,
      roles: ['integrator', 'staff', 'supervisor'],
      params: CodeParams,
      query: { type: 'object', properties: PAGE_QUERY, additionalProperties: false },
      response: pageOf(BundleCase),
    },
    handled(async (req, res) => {
      const page = await catalog.bundleCases(actorOf(req), String(req.params.code), req.query as { limit?: number; cursor?: string });
      res.json({ ...page, items: page.items.map(({ code, version, implCode: _impl, ...row }) => ({ ...row, bundleCode: code, bundleVersion: version })) });
    }),
  );

  api.add(
    {
      method: 'post',
      path: '/bundles/:code/cases',
      operationId: 'startBundleCase',
      summary: 'Start a 一件事 case: one application, received by the lead department; each component matter is handled by its own department, the results delivered together',
      summaryZh: '发起一件事办件：一次申请，牵头部门受理，各组成事项由主管部门办理，统一出件',
      tag: TAG,
      roles: ['integrator', 'staff'],
      params: CodeParams,
      body: {
        type: 'object',
        properties: {
          ...APPLICATION_PROPERTIES,
          selectedMatters: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 60 }, uniqueItems: true, description: 'Optional components the applicant asks for (可选事项)' },
        },
        required: ['applicant'],
        additionalProperties: false,
      },
      response: {
        type: 'object',
        properties: { bundleCode: { type: 'string' }, bundleVersion: { type: 'integer' }, process: { type: 'object' }, instance: Instance },
      },
      status: 201,
    },
    handled(async (req, res) => {
      await sendStartedCase(res, context, { ...(await startBundleCase(catalog, actorOf(req), String(req.params.code), req.body)) });
    }),
  );
}
