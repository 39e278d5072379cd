/**
 * The trail's words: a Chinese (and English) name for every history event type the engine writes,
 * and which of them are technical (folded away unless 显示技术细节 is ticked). A clerk reads
 * 受理 · 办结任务 · 李明; the engine's sequence flows, variable writes and clock internals stay out of
 * the way. test/unit/designer/history-event-names.test.ts fails when the engine writes a type that
 * has no name here. Pure data (no DOM), so that test runs in Node.
 */
export interface HistoryEventName {
  zh: string;
  en: string;
  /** Engine bookkeeping a clerk does not need to read: shown only with 显示技术细节. */
  technical?: boolean;
}

export const HISTORY_EVENT_NAMES: Record<string, HistoryEventName> = {
  // The case
  'instance.started': { zh: '案件启动', en: 'Case started' },
  'instance.completed': { zh: '案件办结', en: 'Case completed' },
  'instance.canceled': { zh: '案件撤销', en: 'Case cancelled' },
  'instance.terminated': { zh: '案件终止', en: 'Case terminated' },
  'instance.suspended': { zh: '案件挂起', en: 'Case suspended' },
  'instance.resumed': { zh: '案件恢复', en: 'Case resumed' },
  'instance.modified': { zh: '调整办理环节', en: 'Steps changed' },
  'instance.migrated': { zh: '切换流程版本', en: 'Moved to another process version' },
  'case.operation': { zh: '案件操作', en: 'Case operation' },
  'case.copied': { zh: '抄送', en: 'Copied to' },
  'case.evaluated': { zh: '办事评价', en: 'Service rated' },
  'case.reopened': { zh: '案件重办', en: 'Case reopened' },
  'case.reopen.started': { zh: '发起重办', en: 'Reopening started' },
  'case.rectification.opened': { zh: '差评整改', en: 'Rectification opened' },
  'case.rectification.closed': { zh: '整改完成', en: 'Rectification closed' },
  'case.ruling.decided': { zh: '快处快裁', en: 'Command centre ruling' },
  'personalData.revealed': { zh: '查看个人信息', en: 'Personal data revealed' },
  'attachment.added': { zh: '上传附件', en: 'Attachment added' },
  // Steps and tasks
  'element.activated': { zh: '进入环节', en: 'Step entered', technical: true },
  'element.completed': { zh: '完成环节', en: 'Step completed', technical: true },
  'element.terminated': { zh: '终止环节', en: 'Step ended', technical: true },
  'userTask.created': { zh: '生成待办', en: 'Task created' },
  'userTask.claimed': { zh: '认领任务', en: 'Task claimed' },
  'userTask.unclaimed': { zh: '退回认领', en: 'Task released' },
  'userTask.completed': { zh: '办结任务', en: 'Task completed' },
  'userTask.canceled': { zh: '任务取消', en: 'Task cancelled' },
  'userTask.returned': { zh: '退回', en: 'Sent back' },
  'userTask.withdrawn': { zh: '撤回', en: 'Withdrawn' },
  'userTask.supplementRequested': { zh: '退回补正', en: 'Supplement requested' },
  'userTask.supplemented': { zh: '申请人补正', en: 'Supplemented' },
  'userTask.transferred': { zh: '转办', en: 'Transferred' },
  'userTask.reassigned': { zh: '改派', en: 'Reassigned' },
  'userTask.sentBack': { zh: '退单', en: 'Returned to dispatcher' },
  'userTask.escalatedToCommandCentre': { zh: '分派异议提请指挥中心裁定', en: 'Contest sent to the command centre' },
  'userTask.delegated': { zh: '委托', en: 'Delegated' },
  'userTask.resolved': { zh: '受托人办理完毕', en: 'Delegate finished' },
  'userTask.actedAsDelegate': { zh: '代理办理', en: 'Acted as delegate' },
  'userTask.signerAdded': { zh: '加签', en: 'Signer added' },
  'userTask.signerRemoved': { zh: '减签', en: 'Signer removed' },
  'userTask.signed': { zh: '签署意见', en: 'Signed' },
  'userTask.urged': { zh: '催办', en: 'Urged' },
  'userTask.override': { zh: '管理员代为操作', en: 'Administrator override' },
  'multiInstance.runAdded': { zh: '会签加一人', en: 'Co-signer added' },
  'multiInstance.runRemoved': { zh: '会签减一人', en: 'Co-signer removed' },
  // Incidents
  'incident.created': { zh: '发生异常', en: 'Incident' },
  'incident.resolved': { zh: '异常已处理', en: 'Incident resolved' },
  // Time limits and supervision
  'sla.clock.started': { zh: '开始计时', en: 'Clock started', technical: true },
  'sla.clock.stopped': { zh: '停止计时', en: 'Clock stopped', technical: true },
  'sla.clock.paused': { zh: '暂停计时', en: 'Clock paused' },
  'sla.clock.resumed': { zh: '恢复计时', en: 'Clock resumed' },
  'sla.clock.extended': { zh: '时限延长', en: 'Time limit extended' },
  'sla.clock.error': { zh: '计时出错', en: 'Clock error' },
  'sla.deadline.recomputed': { zh: '期限重算（节假日调整）', en: 'Deadline recomputed', technical: true },
  'sla.warning': { zh: '临期预警', en: 'Due soon' },
  'sla.overdue': { zh: '已超期', en: 'Overdue' },
  'sla.escalated': { zh: '超期升级督办', en: 'Escalated' },
  'sla.supervision.started': { zh: '启动督办', en: 'Supervision started' },
  'sla.extension.requested': { zh: '延期申请', en: 'Extension requested' },
  'sla.extension.rejected': { zh: '延期申请驳回', en: 'Extension refused' },
  // Engine mechanics
  'sequenceFlow.taken': { zh: '经过连线', en: 'Sequence flow taken', technical: true },
  'variables.set': { zh: '设置数据', en: 'Data set', technical: true },
  'boundary.triggered': { zh: '边界事件触发', en: 'Boundary event triggered', technical: true },
  'timer.fired': { zh: '定时到点', en: 'Timer fired', technical: true },
  'timer.cycleStopped': { zh: '循环定时已停止', en: 'Timer cycle stopped' },
  'message.correlated': { zh: '收到消息', en: 'Message received' },
  'message.thrown': { zh: '发出消息', en: 'Message sent', technical: true },
  'message.unclaimed': { zh: '消息无人接收', en: 'Message not received' },
  'signal.received': { zh: '收到信号', en: 'Signal received', technical: true },
  'signal.thrown': { zh: '发出信号', en: 'Signal sent', technical: true },
  'error.thrown': { zh: '抛出错误事件', en: 'Error thrown', technical: true },
  'error.caught': { zh: '捕获错误事件', en: 'Error caught', technical: true },
  'escalation.thrown': { zh: '发出升级事件', en: 'Escalation thrown', technical: true },
  'escalation.caught': { zh: '捕获升级事件', en: 'Escalation caught', technical: true },
  'link.thrown': { zh: '经过链接事件', en: 'Link passed', technical: true },
  'compensation.thrown': { zh: '触发补偿', en: 'Compensation thrown', technical: true },
  'decision.evaluated': { zh: '规则判定', en: 'Decision evaluated', technical: true },
  'job.created': { zh: '生成系统作业', en: 'Job created', technical: true },
  'job.completed': { zh: '系统作业完成', en: 'Job completed', technical: true },
  'job.failed': { zh: '系统作业失败', en: 'Job failed', technical: true },
  'job.canceled': { zh: '系统作业取消', en: 'Job cancelled', technical: true },
};

/** Whether a clerk's trail hides an entry: engine bookkeeping, and any type without a name. */
export function isTechnicalEvent(type: string): boolean {
  const known = HISTORY_EVENT_NAMES[type];
  return !known || known.technical === true;
}

/** Chinese name (or English) of an event type; an unknown type gets a plain word, never the raw code. */
export function historyEventName(type: string, language: 'zh-CN' | 'en'): string {
  const known = HISTORY_EVENT_NAMES[type];
  if (known) return language === 'en' ? known.en : known.zh;
  return language === 'en' ? 'Other event' : '其他记录';
}

/** Labels of the data fields an entry may carry; anything not listed is technical detail. */
export const HISTORY_FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  reason: { zh: '理由', en: 'Reason' },
  reasonZh: { zh: '理由', en: 'Reason' },
  opinion: { zh: '意见', en: 'Opinion' },
  message: { zh: '内容', en: 'Message' },
  messageZh: { zh: '原因', en: 'Cause' },
  note: { zh: '备注', en: 'Note' },
  legalBasis: { zh: '法律依据', en: 'Legal basis' },
  materials: { zh: '补正材料', en: 'Materials' },
  fields: { zh: '补正内容', en: 'Supplemented fields' },
  operation: { zh: '操作', en: 'Operation' },
  assignee: { zh: '办理人', en: 'Assignee' },
  for: { zh: '代理对象', en: 'On behalf of' },
  owner: { zh: '委托人', en: 'Owner' },
  from: { zh: '原办理人', en: 'From' },
  to: { zh: '交给', en: 'To' },
  toName: { zh: '退回至', en: 'Back to' },
  toUser: { zh: '转给', en: 'To' },
  toPost: { zh: '转给岗位', en: 'To post' },
  user: { zh: '人员', en: 'Person' },
  users: { zh: '人员', en: 'People' },
  notified: { zh: '通知', en: 'Notified' },
  fromDepartment: { zh: '原部门', en: 'From department' },
  toDepartment: { zh: '转至部门', en: 'To department' },
  fromUnit: { zh: '原单位', en: 'From unit' },
  toUnit: { zh: '转至单位', en: 'To unit' },
  responsibleUnit: { zh: '责任单位', en: 'Responsible unit' },
  supervisingDepartment: { zh: '督办部门', en: 'Supervising department' },
  level: { zh: '级别', en: 'Level' },
  kind: { zh: '类型', en: 'Kind' },
  label: { zh: '时限', en: 'Time limit' },
  dueAt: { zh: '办理期限', en: 'Due' },
  newDueAt: { zh: '新期限', en: 'New due date' },
  days: { zh: '天数', en: 'Days' },
  amount: { zh: '延长', en: 'Extended by' },
  onTime: { zh: '是否按时', en: 'On time' },
  score: { zh: '评分', en: 'Score' },
  rating: { zh: '评价', en: 'Rating' },
  comment: { zh: '评价内容', en: 'Comment' },
  fileName: { zh: '文件名', en: 'File' },
  name: { zh: '名称', en: 'Name' },
  category: { zh: '类别', en: 'Category' },
  position: { zh: '加签方式', en: 'Position' },
  messageName: { zh: '消息', en: 'Message' },
  errorMessage: { zh: '错误信息', en: 'Error' },
  retries: { zh: '剩余重试次数', en: 'Retries left' },
  variables: { zh: '数据', en: 'Data' },
  errorCode: { zh: '错误代码', en: 'Error code' },
};
