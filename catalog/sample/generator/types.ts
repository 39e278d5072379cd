// Shapes of the sample catalog files. Field names follow ../shared research catalog-model.md
// exactly (camelCase); the README beside this folder states the same contract in prose.

export type TimeUnit = 'minute' | 'hour' | 'naturalDay' | 'workingDay' | 'month' | 'year';

export interface Duration {
  value: number;
  unit: TimeUnit;
  startEvent: string;
  endEvent: string;
  lastDayRollover?: boolean;
  excludes?: ('特别程序' | '补正期间' | '挂起')[];
  /** Where the figure comes from, in words (e.g. "行政许可法第四十二条"). */
  basis?: string;
}

export type MatterType =
  | '行政许可' | '行政处罚' | '行政强制' | '行政征收' | '行政给付' | '行政检查' | '行政确认'
  | '行政奖励' | '行政裁决' | '其他行政权力' | '公共服务' | '诉求工单' | '城管事件' | '抽查事项' | '协同事项';

export type ServiceObject = '自然人' | '法人' | '其他组织';
export type ImplementingLevel = '国家' | '省' | '市' | '县' | '镇街' | '村社';
export type LawLevel = '法律' | '行政法规' | '国务院决定' | '地方性法规' | '部门规章' | '地方政府规章' | '规范性文件';

export interface LegalRef {
  kind: '设定依据' | '实施依据' | '处罚依据' | '抽查依据';
  lawName: string;
  level: LawLevel;
  docNo?: string;
  article?: string;
}

export interface Material {
  name: string;
  required: '必要' | '容缺' | '非必要';
  form: '纸质' | '电子' | '电子证照';
  copies: number;
  source: '申请人自备' | '政府部门核发' | '中介机构' | '其他';
  sourceDept?: string;
  sharedFrom?: string;
  reusableKey?: string;
  acceptStandard?: string;
}

export interface OperatingStep {
  stepKey: string;
  name: string;
  role: string;
  maxDuration: Duration;
  checklist: string[];
  requiredOutputs?: string[];
  signOff?: string;
  /** 作业规范 photo evidence: what must be photographed before and after the step's work. */
  photos?: { before: string[]; after: string[] };
}

export interface OperatingStandard {
  steps: OperatingStep[];
  documentTemplates?: string[];
  qualityRules?: string[];
}

export interface ClassificationPath {
  scheme: 'DEPT' | 'LIFECYCLE' | 'HOTLINE' | 'CITYMGMT' | 'GOVERN';
  /** Codes from level 1 down to the leaf used (L3 or L4), e.g. ["01","0101","010101","01010101"]. */
  path: string[];
}

export interface SlaRule {
  match: { appealType?: string; urgency?: '特急' | '紧急' | '一般'; categoryPrefix?: string };
  response?: Duration;
  dispatch?: Duration;
  resolve: Duration;
  extension?: { max: Duration; approval: string };
  warnAt: number;
  escalation: ('督办' | '通报' | '约谈')[];
}

export interface SlaProfile { id: string; name: string; basis: string; rules: SlaRule[] }

export interface Matter {
  code: string;
  name: string;
  aliases?: string[];
  businessItems?: { code: string; name: string }[];
  matterType: MatterType;
  /** Primary four-level path in the DEPT scheme (or HOTLINE / CITYMGMT for engine-only types). */
  category: string[];
  /** Every classification of the matter, the primary one included. */
  classifications: ClassificationPath[];
  serviceObjects: ServiceObject[];
  themes: string[];
  competentDept: string;
  implementingLevel: ImplementingLevel[];
  legalBasis: LegalRef[];
  legalTimeLimit: Duration;
  legalExtension?: Duration;
  promisedTimeLimit: Duration;
  specialProcedures?: { type: string; timeLimit?: Duration; counted: false }[];
  acceptanceTimeLimit?: Duration;
  deliveryTimeLimit?: Duration;
  handlingForm: '即办件' | '承诺件' | '上报件';
  channels: ('窗口' | '网办' | '掌办' | '自助' | '邮寄')[];
  visitsRequired: number;
  isCharged: boolean;
  fees?: { name: string; standard: string; basis: string }[];
  conditions: string[];
  materials: Material[];
  result: { type: '证照' | '批文' | '其他'; name: string; licenseType?: string };
  operatingStandard: OperatingStandard;
  /** 处置要求: what the handling unit must achieve (协同事项). */
  handlingRequirements?: string[];
  slaProfile?: SlaProfile;
  status: 'draft' | 'active' | 'suspended' | 'abolished';
  effectiveFrom: string;
  source: { list: string; seq?: number };
  verified: false;
}

export type OrgKind =
  | '人民政府' | '市政府工作部门' | '市政府直属事业单位' | '垂直管理部门' | '群团组织' | '公共企事业单位' | '热线机构'
  | '市政务服务中心' | '派出分局' | '镇人民政府' | '街道办事处' | '功能区管理委员会' | '便民服务中心'
  | '居民委员会' | '村民委员会';

export interface Org {
  code: string;
  name: string;
  shortName: string;
  kind: OrgKind;
  level: '市' | '区县' | '镇街' | '村社' | '网格';
  regionCode: string;
  parentCode?: string;
  roles: ('主管' | '实施' | '受理' | '承办' | '协办' | '督办' | '监督')[];
  isPublicUtility?: boolean;
  /** true = the organisation exists under this name; false = a name pattern or placeholder. */
  real: boolean;
}

export interface Region {
  code: string;
  name: string;
  level: 'city' | 'county' | 'town' | 'village' | 'grid';
  parentCode?: string;
  kind: '地级市' | '区' | '县' | '街道' | '镇' | '功能区' | '村' | '社区' | '综合网格' | '专属网格';
  orgCode?: string;
  illustrative: boolean;
}

export interface CategoryNode {
  code: string;
  name: string;
  level: 1 | 2 | 3 | 4;
  parentCode: string | null;
  scheme: 'DEPT' | 'LIFECYCLE' | 'HOTLINE' | 'CITYMGMT' | 'GOVERN';
  sortNo: number;
  aliases: string[];
}

export interface MatterImpl {
  implCode: string;
  matterCode: string;
  regionCode: string;
  implementingUnit: string;
  acceptingUnit: string;
  jurisdictionUnit: string;
  handlingUnit: string;
  delegatedFrom?: { org: string; basis: string };
  promisedTimeLimit?: Duration;
  status: 'active';
  effectiveFrom: string;
}

export interface LawEntry {
  name: string;
  shortName: string;
  level: LawLevel;
  docNo?: string;
  issuer: string;
  /** Articles the sample cites; each one checked against the published text. */
  articles: { article: string; gist: string }[];
}
