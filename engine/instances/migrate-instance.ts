import { moveToDefinition, renameWaitingElement } from '../store/instance-waits.js';
import { EngineError } from '../errors.js';
import { migrateInstance } from '../runtime/index.js';
import type { DefinitionRow, InstanceRow } from '../store/rows.js';
import type { CommandUnit } from './command-unit.js';
import type { InstanceRunner } from './instance-runner.js';

export interface MigrationInput {
  target: DefinitionRow;
  mappings: Array<{ source: string; target: string }>;
}

/**
 * Moves a waiting instance to another deployed version with an explicit element mapping.
 * Every mapping is checked against both models first, so a bad request names each wrong
 * entry and writes nothing; the interpreter then refuses active elements left unmapped.
 */
export async function migrate(runner: InstanceRunner, unit: CommandUnit, instance: InstanceRow, input: MigrationInput): Promise<InstanceRow> {
  const { target } = input;
  if (target.department !== instance.department) {
    throw new EngineError('invalid', 'The target definition belongs to another department', '目标流程定义属于其他部门');
  }
  if (target.id === instance.definition_id) throw new EngineError('invalid', 'The instance already runs this definition', '实例已在运行该流程定义');
  const source = await runner.models.get(instance.definition_id, unit.tx);
  const destination = await runner.models.get(target.id, unit.tx);
  const details: Array<{ message: string; messageZh: string; elementId: string }> = [];
  const seen = new Set<string>();
  input.mappings.forEach((mapping, index) => {
    if (!source.elements.has(mapping.source)) {
      details.push({ message: `/mappings/${index}/source: no element '${mapping.source}' in version ${instance.version}`, messageZh: `/mappings/${index}/source：原版本中没有节点“${mapping.source}”`, elementId: mapping.source });
    }
    if (!destination.elements.has(mapping.target)) {
      details.push({ message: `/mappings/${index}/target: no element '${mapping.target}' in version ${target.version}`, messageZh: `/mappings/${index}/target：目标版本中没有节点“${mapping.target}”`, elementId: mapping.target });
    }
    if (seen.has(mapping.source)) {
      details.push({ message: `/mappings/${index}/source: '${mapping.source}' is mapped twice`, messageZh: `/mappings/${index}/source：节点“${mapping.source}”被映射了两次`, elementId: mapping.source });
    }
    seen.add(mapping.source);
  });
  if (details.length > 0) throw new EngineError('invalid', 'The migration mapping is not valid', '迁移映射无效', details);

  const mapping = Object.fromEntries(input.mappings.map((entry) => [entry.source, entry.target]));
  const advanced = await runner.advance(unit, instance.id, (_model, state, now, services) => migrateInstance(source, destination, state, mapping, now, services));
  if (!advanced.ok) {
    throw new EngineError('invalid', `The instance cannot be migrated: ${advanced.message}`, `实例无法迁移：${advanced.messageZh}`);
  }
  const row = await moveToDefinition(unit.tx, instance.id, target);
  unit.instances.set(row.id, row);
  // Tasks and jobs keep their element instance; only the element they belong to may be renamed.
  for (const entry of input.mappings.filter((m) => m.source !== m.target)) {
    await renameWaitingElement(unit.tx, instance.id, entry.source, entry.target);
  }
  unit.record(instance.id, instance.department, {
    type: 'instance.migrated',
    elementId: target.process_id,
    elementType: 'process',
    data: { fromDefinitionId: instance.definition_id, fromVersion: instance.version, toDefinitionId: target.id, toVersion: target.version, mappings: input.mappings },
  });
  return row;
}
