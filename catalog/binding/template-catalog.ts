import type { MatterType } from '../model.js';

export interface TemplateStep {
  id: string;
  name: string;
  /** The post (岗位) that works the step in whichever department handles it (the sample users hold these). */
  group: string;
  /** The catalog variable naming the unit that handles the step (routing by region, D10). */
  unitVariable: 'acceptingUnit' | 'handlingUnit' | 'implementingUnit' | 'jurisdictionUnit';
  note: string;
  statutory?: string;
  calendar?: 'working' | 'natural';
  /** The step runs on the case's limit (the matter's, else this SLA profile's): gov:sla profile on the task. */
  slaProfile?: string;
  /** The first-response step (首次响应): its creation opens the response clock, its 签收 stops it (gov:sla response). */
  response?: 'profile' | string;
  /** The operating-standard step (作业规范 stepKey) it implements: the matter's maxDuration is its limit (gov:sla step). */
  operatingStep?: string;
}

export interface ProcessTemplate {
  key: string;
  file: string;
  processId: string;
  name: string;
  matterTypes: readonly MatterType[];
  startName: string;
  endName: string;
  comment: string;
  note: string;
  /** Whole-case limit (ISO 8601) and how it is counted. */
  statutory?: string;
  calendar?: 'working' | 'natural';
  /** The SLA profile of engine/sla/data (first-response limit, extension allowance) beside the catalog's limits. */
  slaProfile?: string;
  /** 受理 → 受理/补正/不予受理 (行政许可法 第三十二条). */
  acceptanceGateway?: boolean;
  /** Written by hand (build-templates.ts does not generate it): the 秒批 flow is not a line of user tasks. */
  handWritten?: boolean;
  steps: TemplateStep[];
}

/** The default process of each family of matter types; a department copies one and adapts it. */
export const TEMPLATES: readonly ProcessTemplate[] = [
  {
    key: 'administrative-permit',
    file: 'administrative-permit.bpmn',
    processId: 'tpl-administrative-permit',
    name: '行政许可（一般程序）模板',
    matterTypes: ['行政许可'],
    startName: '收到申请',
    endName: '办结',
    comment: '行政许可一般程序：申请 → 受理（当场或五日内一次性告知补正）→ 审查 → 决定 → 送达（行政许可法 第三十二条、第四十二至四十五条）',
    note: '期限按工作日计算（行政许可法 第八十二条）。决定：自受理之日起二十日内，经本行政机关负责人批准可延长十日（第四十二条）；送达：自作出决定之日起十日内（第四十四条）；听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审所需时间不计算在期限内（第四十五条）。',
    statutory: 'P20D',
    calendar: 'working',
    acceptanceGateway: true,
    steps: [
      { id: 'Task_Accept', name: '受理', group: '受理窗口', unitVariable: 'acceptingUnit', note: '当场受理，或者当场或五日内一次告知需要补正的全部内容（行政许可法 第三十二条）。', statutory: 'P5D', calendar: 'working' },
      { id: 'Task_Review', name: '审查', group: '审查科室', unitVariable: 'handlingUnit', note: '对申请材料进行审查；需要核实的，指派两名以上工作人员核查（第三十四条）。' },
      { id: 'Task_Decide', name: '决定', group: '审批负责人', unitVariable: 'handlingUnit', note: '自受理之日起二十日内作出决定；经负责人批准可延长十日并告知申请人理由（第四十二条）。', statutory: 'P20D', calendar: 'working' },
      { id: 'Task_Deliver', name: '送达', group: '受理窗口', unitVariable: 'acceptingUnit', note: '自作出决定之日起十日内颁发、送达许可证件（第四十四条）。', statutory: 'P10D', calendar: 'working' },
    ],
  },
  {
    key: 'administrative-penalty',
    file: 'administrative-penalty.bpmn',
    processId: 'tpl-administrative-penalty',
    name: '行政处罚（普通程序）模板',
    matterTypes: ['行政处罚', '行政强制'],
    startName: '发现违法线索',
    endName: '结案',
    comment: '行政处罚普通程序：立案 → 调查取证 → 法制审核 → 告知 → 决定 → 送达（行政处罚法 第五十四至六十一条）',
    note: '自立案之日起九十日内作出处罚决定（行政处罚法 第六十条），法律、法规、规章另有规定的从其规定；期限中的“二日”“三日”“五日”“七日”按工作日计算（第八十五条）。',
    statutory: 'P90D',
    calendar: 'natural',
    steps: [
      { id: 'Task_File', name: '立案', group: '执法人员', unitVariable: 'handlingUnit', note: '符合立案标准的，及时立案（第五十四条）。' },
      { id: 'Task_Investigate', name: '调查取证', group: '执法人员', unitVariable: 'handlingUnit', note: '执法人员不得少于两人，出示执法证件（第五十五条）。' },
      { id: 'Task_LegalReview', name: '法制审核', group: '法制审核', unitVariable: 'implementingUnit', note: '重大执法决定作出前进行法制审核（第五十八条）。' },
      { id: 'Task_Notify', name: '告知陈述申辩', group: '执法人员', unitVariable: 'handlingUnit', note: '告知拟作出的处罚内容及事实、理由、依据，并告知陈述、申辩、要求听证等权利（第四十四条）。' },
      { id: 'Task_Decide', name: '作出处罚决定', group: '审批负责人', unitVariable: 'implementingUnit', note: '自立案之日起九十日内作出（第六十条）。', statutory: 'P90D', calendar: 'natural' },
      { id: 'Task_Deliver', name: '送达', group: '执法人员', unitVariable: 'handlingUnit', note: '宣告后当场交付；不在场的，七日内送达（第六十一条）。', statutory: 'P7D', calendar: 'working' },
    ],
  },
  {
    key: 'appeal-ticket',
    file: 'appeal-ticket.bpmn',
    processId: 'tpl-appeal-ticket',
    name: '12345诉求工单模板',
    matterTypes: ['诉求工单'],
    startName: '诉求受理',
    endName: '办结归档',
    comment: '12345 诉求办理闭环：受理 → 派单 → 签收处置 → 答复 → 回访 → 办结（国办发〔2020〕53号）',
    note: '办理时限按诉求类型确定（示例：广东 咨询2个工作日，求助、建议10个工作日，投诉、举报15个工作日），由目录的 SLA 配置提供。',
    statutory: 'P15D',
    calendar: 'working',
    slaProfile: '12345',
    steps: [
      // Step limits: 派单 2 hours, 答复 and 回访 1 working day each (the sample catalog's 12345 operating standard, 示例值);
      // 签收处置 runs on the ticket's own limit, 2/10/15 working days by the appeal's type (the matter's, else profile 12345).
      { id: 'Task_Dispatch', name: '派单', group: '热线派单', unitVariable: 'acceptingUnit', note: '按事项目录与属地确定承办单位，2小时内派单（示例值）。', statutory: 'PT2H', calendar: 'working' },
      // 签收 is the first response: the 24 hours run from 派单 (the step's creation) to the unit's 签收, across 退单 and 改派.
      { id: 'Task_Handle', name: '签收处置', group: '承办人员', unitVariable: 'handlingUnit', note: '派单后24小时内签收并联系诉求人，按诉求类型2/10/15个工作日内办结。', slaProfile: '12345', response: 'profile' },
      { id: 'Task_Reply', name: '答复', group: '承办人员', unitVariable: 'handlingUnit', note: '处置完毕后1个工作日内向诉求人答复办理结果（示例值）。', statutory: 'P1D', calendar: 'working' },
      { id: 'Task_Visit', name: '回访评价', group: '热线回访', unitVariable: 'acceptingUnit', note: '答复后1个工作日内回访诉求人，不满意的可重办（示例值）。', statutory: 'P1D', calendar: 'working' },
    ],
  },
  {
    key: 'city-management-event',
    file: 'city-management-event.bpmn',
    processId: 'tpl-city-management-event',
    name: '城市管理事件模板',
    matterTypes: ['城管事件', '协同事项'],
    startName: '上报',
    endName: '结案',
    comment: '数字化城管案件：立案 → 派遣 → 处置 → 核查 → 结案（参照 GB/T 30428 工作流程）',
    note: '各环节时限按事项作业规范的步骤时限（立案、派遣、处置、核查；处置时限按事件小类确定，由目录配置）。',
    // Each step implements a step of the matter's operating standard (城管事件: register/dispatch/handle/verify;
    // 协同事项: dispatch/handle/verify, its 发现上报 being the start): the catalog's maxDuration is the step's limit.
    steps: [
      { id: 'Task_Register', name: '立案', group: '受理窗口', unitVariable: 'acceptingUnit', note: '监督中心受理上报并立案。', operatingStep: 'register' },
      { id: 'Task_Dispatch', name: '派遣', group: '派遣员', unitVariable: 'jurisdictionUnit', note: '派遣至责任单位。', operatingStep: 'dispatch' },
      { id: 'Task_Handle', name: '处置', group: '承办人员', unitVariable: 'handlingUnit', note: '责任单位处置并反馈。', operatingStep: 'handle' },
      { id: 'Task_Verify', name: '核查', group: '监督员', unitVariable: 'jurisdictionUnit', note: '采集员现场核查处置结果。', operatingStep: 'verify' },
    ],
  },
  {
    key: 'general-service',
    file: 'general-service.bpmn',
    processId: 'tpl-general-service',
    name: '通用办件模板（公共服务、行政确认、行政给付等）',
    matterTypes: ['公共服务', '行政确认', '行政给付', '行政征收', '行政奖励', '行政裁决', '其他行政权力', '行政检查', '抽查事项'],
    startName: '收到申请',
    endName: '办结',
    comment: '通用办件：受理 → 办理 → 办结送达',
    note: '办理时限以事项目录中的法定时限与承诺时限为准。',
    steps: [
      { id: 'Task_Accept', name: '受理', group: '受理窗口', unitVariable: 'acceptingUnit', note: '核对申请材料，符合条件的受理。' },
      { id: 'Task_Handle', name: '办理', group: '审查科室', unitVariable: 'handlingUnit', note: '按作业规范办理。' },
      { id: 'Task_Deliver', name: '办结送达', group: '受理窗口', unitVariable: 'acceptingUnit', note: '出具结果并送达。' },
    ],
  },
  {
    key: 'instant-approval',
    file: 'instant-approval.bpmn',
    processId: 'tpl-instant-approval',
    name: '秒批模板（数据核验 + 决策表）',
    // Chosen by marking a matter 秒批 (PUT /catalog/matters/{code}/instant-approval), never by its type.
    matterTypes: [],
    startName: '收到申请',
    endName: '秒批办结',
    comment: '秒批：申请 → 数据核验（作业）→ 决策（DMN 决策表）→ 自动准予（无人工）或 人工审查',
    note: '承诺时限按 SLA 配置 instant（秒批）；转人工审查的按事项法定时限。每次决策的版本、输入、命中规则与输出记入办件轨迹。',
    slaProfile: 'instant',
    handWritten: true,
    steps: [{ id: 'Task_Review', name: '人工审查', group: '审查科室', unitVariable: 'handlingUnit', note: '规则未准予时人工审查。' }],
  },
];

/** The 秒批 template: the flow of every matter marked for instant approval. */
export const INSTANT_APPROVAL_TEMPLATE = 'instant-approval';

export function templateFor(matterType: string): ProcessTemplate {
  return TEMPLATES.find((template) => (template.matterTypes as readonly string[]).includes(matterType)) ?? (TEMPLATES.find((template) => template.key === 'general-service') as ProcessTemplate);
}
