import type { Actor } from '../actor.js';
import { EngineError } from '../errors.js';
import { asUuid, notFound } from '../instances/lookups.js';
import type { OperationDeps } from '../operations/operation-deps.js';
import { worksOnCase } from '../instances/task-access.js';
import { readableCase } from '../store/operations/readable-case.js';
import type { Json } from '../runtime/index.js';
import { personalKind, valueAt } from './personal-data.js';

/**
 * Shows one personal value of a case in clear (personal-data.ts masks it everywhere else), to staff
 * of a department that works the case: the owner, or one holding a task in it. Supervisors, who
 * read every case, and readers a case was copied to (抄送) see it masked only. Every reveal goes on
 * the case's trail with who, when, which value and why, never the value itself.
 */
export async function revealPersonalData(deps: OperationDeps, actor: Actor, instanceId: string, input: { path: string; reason?: string }): Promise<{ path: string; value: Json }> {
  const path = input.path;
  const leaf = path.split('.').at(-1) ?? path;
  if (!personalKind(leaf)) {
    throw new EngineError('invalid', `'${path}' is not personal data: it is not masked`, `“${path}”不是个人敏感信息，未做遮蔽`, [{ field: '/path', code: 'not-personal-data', message: `'${path}' is not masked`, messageZh: `“${path}”未做遮蔽` }]);
  }
  return deps.command(actor, async (unit) => {
    const instance = await readableCase(unit.tx, actor, asUuid(instanceId));
    if (!instance) throw notFound('process instance', instanceId);
    const works = actor.roles.includes('staff') && (await worksOnCase(unit.tx, actor, instance));
    if (!works) {
      throw new EngineError('forbidden', 'Only staff of a department working the case may see personal data in clear', '只有办理该案件的部门的工作人员可以查看完整的个人信息');
    }
    const value = valueAt(instance.state.variables, path);
    if (value === undefined) throw new EngineError('not-found', `The case has no '${path}'`, `案件数据中没有“${path}”`);
    unit.record(instance.id, instance.department, { type: 'personalData.revealed', elementId: instance.process_id, elementType: 'process', data: { path, ...(input.reason ? { reason: input.reason } : {}) } });
    return { path, value };
  });
}
