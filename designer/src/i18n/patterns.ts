/**
 * Messages with variable parts (mostly bpmnlint's) that no exact dictionary key can match.
 * Tried in order after the exact lookup fails.
 */
export const zhCNPatterns: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^(Process|Sub Process|SubProcess|Sub-process) is missing end event$/, () => '流程缺少结束事件'],
  [/^(Process|Sub Process|SubProcess|Sub-process) is missing start event$/, () => '流程缺少开始事件'],
  [/^(.+) has multiple blank start events$/, () => '存在多个空白开始事件'],
  [/^Element type <(.+)> is discouraged$/, (m) => `不建议使用元素类型 <${m[1]}>`],
  [/^Element has disallowed type <(.+)>$/, (m) => `不允许的元素类型 <${m[1]}>`],
  [/^The engine cannot execute a (\w+) yet$/, (m) => `引擎暂不能执行${zhType(m[1])}`],
  [/^The engine cannot execute a (\w+) here yet$/, (m) => `引擎暂不能在此执行${zhType(m[1])}`],
  [/^Link (catch|throw) event with link name <(.*)> missing in scope$/, (m) => `缺少链接名为 <${m[2]}> 的链接${m[1] === 'catch' ? '捕获' : '抛出'}事件`],
  [/^Duplicate link catch event with link name <(.*)> in scope$/, (m) => `链接名 <${m[1]}> 的链接捕获事件重复`],
];

const TYPE_NAMES: Record<string, string> = {
  BoundaryEvent: '边界事件',
  IntermediateCatchEvent: '中间捕获事件',
  IntermediateThrowEvent: '中间抛出事件',
  SubProcess: '子流程',
  CallActivity: '调用活动',
  InclusiveGateway: '包容网关',
  EventBasedGateway: '事件网关',
  ComplexGateway: '复杂网关',
  ScriptTask: '脚本任务',
  SendTask: '发送任务',
  ReceiveTask: '接收任务',
  BusinessRuleTask: '业务规则任务',
  Transaction: '事务',
  AdHocSubProcess: '自由子流程',
  TimerEventDefinition: '定时器事件定义',
  MessageEventDefinition: '消息事件定义',
  SignalEventDefinition: '信号事件定义',
  ErrorEventDefinition: '错误事件定义',
  EscalationEventDefinition: '升级事件定义',
  ConditionalEventDefinition: '条件事件定义',
  CompensateEventDefinition: '补偿事件定义',
  TerminateEventDefinition: '终止事件定义',
  LinkEventDefinition: '链接事件定义',
  CancelEventDefinition: '取消事件定义',
};

function zhType(name: string): string {
  return TYPE_NAMES[name] ?? name;
}
