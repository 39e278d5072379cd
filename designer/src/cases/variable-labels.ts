import type { CaseKind } from './case-kind.js';

/**
 * What staff call the case data the sample processes and the catalog use: the generated form and
 * the case data list show these names, never the variable names. A variable not listed here is
 * shown by its own name; a model that wants other words gives its task a form (form-js labels).
 */
const LABELS: Readonly<Record<string, string>> = {
  applicant: '申请人',
  applicantName: '申请人姓名',
  applicantIdNo: '身份证号',
  applicantPhone: '联系电话',
  applicantAddress: '联系地址',
  legalRepresentative: '法定代表人',
  creditCode: '统一社会信用代码',
  acceptance: '受理意见',
  acceptanceReason: '补正内容或不予受理理由',
  supplemented: '已补正',
  reviewOpinion: '审查意见',
  decision: '决定',
  decisionReason: '不予许可的理由',
  approved: '是否同意',
  amount: '金额',
  fee: '收费金额',
  siteCheck: '是否现场核查',
  slaProfile: '时限规则',
  matterCode: '事项编码',
  matterName: '事项名称',
  regionCode: '行政区划',
  acceptingUnit: '受理单位',
  handlingUnit: '办理单位',
  implementingUnit: '实施单位',
  jurisdictionUnit: '管辖单位',
  deliveryMethod: '送达方式',
  licenceNo: '许可证编号',
  // 12345 tickets (catalog/intake/ticket-intake.ts)
  content: '诉求内容',
  data: '诉求内容',
  name: '姓名',
  phone: '联系电话',
  mobile: '手机号码',
  idNo: '身份证号',
  address: '地址',
  channel: '来源渠道',
  location: '位置',
  // 集中受理's mark (its channel): the case page shows it in 受理信息.
  intakeChannel: '受理渠道',
  // What the catalog binds to a case: kept for the engine and the clocks, folded away for staff.
  implCode: '实施清单编码',
  matterVersion: '事项版本',
  legalExtension: '法定延长期限',
  deliveryTimeLimit: '送达时限',
  acceptanceTimeLimit: '受理时限',
  applicantRegionCode: '申请人所在区划',
  rectificationTimeLimit: '整改时限',
  dispatchRule: '分拨规则',
  matter: '事项',
  legalTimeLimit: '法定办结时限',
  promisedTimeLimit: '承诺办结时限',
  // 不满意重办 (engine/sla/evaluations.ts): the case page links the original itself.
  reopenOf: '原工单',
  reopenCount: '重办次数',
};

/** What an appeal (12345 ticket, 基层治理 event) calls the same data: the citizen is 诉求人, not 申请人. */
const APPEAL_LABELS: Readonly<Record<string, string>> = {
  applicant: '诉求人',
  applicantName: '诉求人姓名',
  applicantAddress: '诉求人地址',
};

/** Case data staff do not work with: what the catalog binds for the engine and its clocks. */
const TECHNICAL: ReadonlySet<string> = new Set(['implCode', 'matterVersion', 'legalExtension', 'deliveryTimeLimit', 'acceptanceTimeLimit', 'applicantRegionCode', 'rectificationTimeLimit', 'dispatchRule', 'slaProfile', 'matterCode', 'regionCode', 'matter', 'legalTimeLimit', 'promisedTimeLimit', 'reopenOf', 'reopenCount', 'intakeChannel']);

/**
 * Whether a variable is shown to staff at once, or folded under 其他数据: one without a Chinese name
 * here, or one the catalog binds for the engine, is folded (never hidden: the fold opens).
 */
export function isEverydayVariable(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(LABELS, name) && !TECHNICAL.has(name);
}

/** A variable's Chinese name; an appeal's case (case-kind.ts) names its citizen 诉求人. */
export function variableLabel(name: string, kind: CaseKind = 'approval'): string {
  if (kind === 'appeal' && Object.prototype.hasOwnProperty.call(APPEAL_LABELS, name)) return APPEAL_LABELS[name];
  return Object.prototype.hasOwnProperty.call(LABELS, name) ? LABELS[name] : name;
}

/**
 * The choices a gateway offers for a variable, read from the model's conditions of the form
 * `variable = "value"` on the gateway's outgoing flows (labelled by the flow's name when it has
 * one). Empty when the conditions compare otherwise: the form then asks for a free value.
 */
export function gatewayChoices(xml: string, gatewayId: string, variable: string): Array<{ value: string; label: string }> {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const choices: Array<{ value: string; label: string }> = [];
  for (const flow of document.getElementsByTagNameNS('*', 'sequenceFlow')) {
    if (flow.getAttribute('sourceRef') !== gatewayId) continue;
    const condition = flow.getElementsByTagNameNS('*', 'conditionExpression')[0]?.textContent ?? '';
    const pattern = new RegExp(`(?:^|[^\\p{L}\\p{N}_.])${variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*"([^"]*)"`, 'u');
    const match = pattern.exec(condition.replace(/^=/, ' '));
    if (match && !choices.some((choice) => choice.value === match[1])) choices.push({ value: match[1], label: flow.getAttribute('name') || match[1] });
  }
  return choices;
}

/** The name of a flow node in the model, for messages (never its id when it has a name). */
export function elementName(xml: string, elementId: string): string | null {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const element = [...document.getElementsByTagNameNS('*', '*')].find((node) => node.getAttribute('id') === elementId);
  return element?.getAttribute('name') || null;
}
