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
  '行政奖励', '行政裁决', '其他行政权力', '公共服务', '诉求工单', '城管事件', '抽查事项',
] as const;
export type MatterType = (typeof MATTER_TYPES)[number];

export const SCHEMES = ['DEPT', 'LIFECYCLE', 'HOTLINE', 'CITYMGMT'] as const;
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
  handlingForm?: string;
  channels?: string[];
  visitsRequired?: number;
  isCharged?: boolean;
  conditions?: string[];
  materials?: Array<{ name: string; required: string; [key: string]: unknown }>;
  process?: ProcessRef;
  /** A JSON Schema for the applicant's data when a case starts. */
  formSchema?: Record<string, unknown>;
  status: 'draft' | 'active' | 'suspended' | 'abolished';
  effectiveFrom?: string;
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

export type CatalogEntity = 'matter' | 'implementation';
export type BatchAction = 'add' | 'modify' | 'abolish';

export interface BatchItem {
  entity: CatalogEntity;
  action: BatchAction;
  code: string;
  /** The whole new document; absent for an abolition. */
  document?: Matter | MatterImpl;
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
