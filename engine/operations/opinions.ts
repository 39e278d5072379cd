import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.js';
import { EngineError } from '../errors.js';
import { asUuid } from '../instances/lookups.js';
import { deletePhrase, insertPhrase, phrasesFor } from '../store/operations/opinion-phrases.js';
import { opinionEntries } from '../store/operations/opinions.js';
import type { OperationDeps } from './operation-deps.js';

/**
 * The kinds of case whose steps speak differently: an application decided by an authority (审批: permits,
 * confirmations, services) or a citizen's appeal handled by a unit (诉求: 12345 tickets, 城管事件, 基层治理).
 */
export const PHRASE_KINDS = ['approval', 'appeal'] as const;
export type PhraseKind = (typeof PHRASE_KINDS)[number];

/** The phrases every user can pick (常用语), by kind of case; departments and users add their own. */
export const SYSTEM_PHRASES: Readonly<Record<PhraseKind, readonly string[]>> = {
  approval: ['同意。', '不同意。', '情况属实，建议办理。', '材料齐全，符合法定形式，予以受理。', '请补正以下材料：', '已核实，符合条件。', '已阅。'],
  appeal: ['已联系诉求人，现场核实。', '已完成处置，拍照存档。', '已电话答复诉求人，诉求人表示认可。', '情况属实，已责令整改。', '经核查，反映情况不属实。', '非本单位职责，申请退单。'],
};

/** One step's opinion (审批意见) on the trail, in the order it was given. */
export interface Opinion {
  at: Date;
  type: string;
  elementId: string | null;
  elementName: string | null;
  actor: string | null;
  opinion: string;
}

/** Event types whose data carry an opinion: a completion, a signer's signature, a resolution, a send-back. */
const WITH_OPINION = ['userTask.completed', 'userTask.signed', 'userTask.resolved', 'userTask.returned'];

/** The opinions of a case in order (callers have checked the actor may read it). */
export async function caseOpinions(deps: OperationDeps, instanceId: string): Promise<Opinion[]> {
  const rows = await opinionEntries(deps.db, instanceId, WITH_OPINION);
  return rows.map((row) => ({ at: row.at, type: row.type, elementId: row.element_id, elementName: row.element_name, actor: row.actor, opinion: row.opinion }));
}

export interface PhraseRow {
  id: string | null;
  scope: 'system' | 'department' | 'mine';
  text: string;
}

/** The phrases the actor may pick: the system's for the kind of case, their department's, their own. */
export async function phrases(deps: OperationDeps, actor: Actor, kind: PhraseKind = 'approval'): Promise<PhraseRow[]> {
  const rows = await phrasesFor(deps.db, actor.userId, actor.department);
  return [
    ...SYSTEM_PHRASES[kind].map((text) => ({ id: null, scope: 'system' as const, text })),
    ...rows.map((row) => ({ id: row.id, scope: row.user_id ? ('mine' as const) : ('department' as const), text: row.text })),
  ];
}

/** Adds a phrase of one's own, or (a department administrator) of the department. */
export async function addPhrase(deps: OperationDeps, actor: Actor, input: { text: string; scope: 'mine' | 'department' }): Promise<PhraseRow> {
  if (input.scope === 'department' && !actor.roles.includes('department-admin') && !actor.roles.includes('admin')) {
    throw new EngineError('forbidden', "Only a department administrator adds the department's phrases", '只有部门管理员可以添加部门常用语');
  }
  const id = randomUUID();
  await insertPhrase(deps.db, { id, department: actor.department, userId: input.scope === 'mine' ? actor.userId : null, text: input.text.trim(), createdAt: deps.clock.now() });
  return { id, scope: input.scope, text: input.text.trim() };
}

export async function removePhrase(deps: OperationDeps, actor: Actor, id: string): Promise<void> {
  const manager = actor.roles.includes('department-admin') || actor.roles.includes('admin');
  const removed = await deletePhrase(deps.db, asUuid(id), { userId: actor.userId, manager, department: actor.department });
  if (!removed) throw new EngineError('not-found', `No phrase '${id}' you may remove`, `没有可删除的常用语“${id}”`);
}
