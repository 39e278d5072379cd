/**
 * The catalog's shapes (事项目录), field by field after the research model
 * (catalog-model.md): a base matter (事项基本目录), its implementation entries per region and
 * unit (事项实施清单), and the reference data they point at.
 */

export const TIME_UNITS = ['minute', 'hour', 'naturalDay', 'workingDay', 'month', 'year'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export interface Duration {
  value: number;
  unit: TimeUnit;
  startEvent?: string;
  endEvent?: string;
  lastDayRollover?: boolean;
  excludes?: string[];
  basis?: string;
}

export const MATTER_TYPES = [
  '行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认',
  '行政奖励', '行政裁决', '其他行政权力', '公共服务', '诉求工单', '城管事件', '抽查事项', '协同事项',
] as const;
export type MatterType = (typeof MATTER_TYPES)[number];

export const SCHEMES = ['DEPT', 'LIFECYCLE', 'HOTLINE', 'CITYMGMT', 'GOVERN'] as const;
export type Scheme = (typeof SCHEMES)[number];

export const LAW_LEVELS = ['法律', '行政法规', '国务院决定', '地方性法规', '部门规章', '地方政府规章', '规范性文件'] as const;

export interface LegalRef {
  kind: string;
  lawName: string;
  level: string;
  docNo?: string;
  article?: string;
  clause?: string;
  text?: string;
}

export interface ClassificationPath {
  scheme: Scheme;
  path: string[];
}

/** Which deployed process handles the matter, in which department. */
export interface ProcessRef {
  processId: string;
  department: string;
}

export interface Matter {
  code: string;
  name: string;
  aliases?: string[];
  matterType: MatterType;
  category: string[];
  classifications?: ClassificationPath[];
  serviceObjects: string[];
  themes?: string[];
  competentDept: string;
  implementingLevel?: string[];
  legalBasis: LegalRef[];
  legalTimeLimit?: Duration;
  legalExtension?: Duration;
  promisedTimeLimit?: Duration;
  acceptanceTimeLimit?: Duration;
  deliveryTimeLimit?: Duration;
  /** 整改时限: how long a rectification after a 差评 may take (working days); default 10. */
  rectificationTimeLimit?: Duration;
  handlingForm?: string;
  channels?: string[];
  visitsRequired?: number;
  isCharged?: boolean;
  conditions?: string[];
  materials?: Array<{ name: string; required: string; [key: string]: unknown }>;
  /** 处置要求: what the handling unit must achieve; set on 协同事项 (基层治理 events). */
  handlingRequirements?: string[];
  process?: ProcessRef;
  /** A JSON Schema for the applicant's data when a case starts. */
  formSchema?: Record<string, unknown>;
  /** 作业规范: the steps of the work with their limits (catalog/schemas/operating-standard.ts). */
  operatingStandard?: { steps: OperatingStep[]; [key: string]: unknown };
  status: 'draft' | 'active' | 'suspended' | 'abolished';
  effectiveFrom?: string;
  [key: string]: unknown;
}

/** One step of an operating standard; a process task names it by stepKey (gov:sla step) to run on its limit. */
export interface OperatingStep {
  stepKey: string;
  name: string;
  maxDuration?: Duration;
  [key: string]: unknown;
}

export interface MatterImpl {
  implCode: string;
  matterCode: string;
  regionCode: string;
  implementingUnit: string;
  acceptingUnit?: string;
  jurisdictionUnit?: string;
  handlingUnit?: string;
  promisedTimeLimit?: Duration;
  process?: ProcessRef;
  status: string;
  effectiveFrom?: string;
  [key: string]: unknown;
}

export interface Organisation {
  code: string;
  name: string;
  shortName?: string;
  kind: string;
  level: string;
  regionCode?: string;
  parentCode?: string;
  roles?: string[];
  isPublicUtility?: boolean;
  real?: boolean;
}

export interface Region {
  code: string;
  name: string;
  level: 'city' | 'county' | 'town' | 'village' | 'grid';
  parentCode?: string;
  kind: string;
  orgCode?: string;
  illustrative?: boolean;
}

export interface CategoryNode {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  scheme: Scheme;
  sortNo?: number;
  aliases?: string[];
}

/**
 * 一件事 (一件事一次办 / 高效办成一件事): one application for a life event, handled across
 * departments. After catalog-model.md §6.
 */
export interface Bundle {
  code: string;
  name: string;
  /** 国家2024第一批, 地方自选, … */
  batch?: string;
  lifecycle: '经营主体' | '个人';
  stage?: string;
  /** 牵头部门: receives the one application and delivers the results. */
  leadDept: string;
  /** 配合部门. */
  coDepts?: string[];
  components: BundleComponent[];
  /** 一套材料: materials asked once and reused by several component matters. */
  sharedMaterials?: Array<{ name: string; reusableKey: string; usedBy: string[] }>;
  /** The bundle's own statutory limit where the law sets one (e.g. 联合办理 45 working days, 行政许可法 第42条). */
  legalTimeLimit?: Duration;
  promisedTimeLimit?: Duration;
  deliveryMode?: string[];
  eligibility?: string[];
  /** Region codes where it is offered; absent: the whole city. */
  regions?: string[];
  legalBasis?: LegalRef[];
  status: 'draft' | 'active' | 'suspended' | 'abolished';
  [key: string]: unknown;
}

export interface BundleComponent {
  matterCode: string;
  /** Done only when the applicant selects it. */
  optional?: boolean;
  /** When it applies, in words (e.g. 父母双方本省户籍). */
  condition?: string;
  /** Components (matter codes) that must finish first: 出生医学证明 before 出生登记. */
  dependsOn?: string[];
}

export const CATALOG_ENTITIES = ['matter', 'implementation', 'bundle'] as const;
export type CatalogEntity = (typeof CATALOG_ENTITIES)[number];
export type BatchAction = 'add' | 'modify' | 'abolish';

export interface BatchItem {
  entity: CatalogEntity;
  action: BatchAction;
  code: string;
  /** The whole new document; absent for an abolition. */
  document?: Matter | MatterImpl | Bundle;
}

export interface Batch {
  id: string;
  name: string;
  reason: string;
  status: 'draft' | 'published';
  department: string;
  effectiveDate: string;
  approver: string | null;
  publishSeq: number | null;
  createdBy: string;
  createdAt: string;
  publishedAt: string | null;
  source: string | null;
  itemCount?: number;
}
