import { EngineError } from '../errors.js';

const NAMES_ZH: Record<string, string> = {
  'process definition': '流程定义',
  'process instance': '流程实例',
  'user task': '用户任务',
  job: '作业',
  incident: '事件（incident）',
  form: '表单',
  attachment: '附件',
  'extension request': '延期申请',
  delegation: '委托',
  decision: '决策',
  'decision definition': '决策定义',
};

export function notFound(what: string, id: string): EngineError {
  return new EngineError('not-found', `No ${what} '${id}'`, `${NAMES_ZH[what] ?? what}“${id}”不存在`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is simply not found: it must not reach SQL as an invalid uuid error. */
export function asUuid(id: string): string {
  return UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}
