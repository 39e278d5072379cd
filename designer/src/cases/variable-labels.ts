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
};

export function variableLabel(name: string): string {
  return LABELS[name] ?? name;
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
