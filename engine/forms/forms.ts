import { createHash } from 'node:crypto';
import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import type { ProcessModel } from '../model/index.js';
import { deployedFormIds, deployedTaggedForms, insertFormVersion, newestFormVersion } from '../store/forms.js';


/**
 * Linked forms, as Camunda Modeler writes them since Camunda 8.3: a user task's
 * `zeebe:formDefinition formId="…"` names a form-js schema (a `.form` file) deployed on its
 * own. Forms are versioned per department like processes: deploying an unchanged schema creates
 * no version, and a task shows the version that was the latest when the task was created.
 */
export interface FormRow {
  id: string;
  department: string;
  form_id: string;
  version: number;
  schema: FormSchema;
  schema_hash: string;
  /** The schema's `versionTag`, if it has one (a generated column). */
  version_tag: string | null;
  created_by: string;
  created_at: Date;
}

/** A form-js schema: what the engine relies on is its `id` and its `components`. */
export type FormSchema = { id: string; components: unknown[]; [key: string]: unknown };

export interface FormDeployment {
  form: FormRow;
  unchanged: boolean;
}

type FormProblem = { code: string; field: string; message: string; messageZh: string };

/** What a form id may be (the API's schema uses the same pattern). */
export const FORM_ID_PATTERN = '^[A-Za-z_][A-Za-z0-9_.-]{0,199}$';
const FORM_ID = new RegExp(FORM_ID_PATTERN);

/** Names every reason the schemas cannot be deployed; `pointer` is where they sit in the request. */
export function formProblems(schemas: readonly unknown[], pointer: string): FormProblem[] {
  const problems: FormProblem[] = [];
  const seen = new Set<string>();
  schemas.forEach((schema, index) => {
    const at = `${pointer}/${index}`;
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
      problems.push({ code: 'form-not-object', field: at, message: 'A form is a form-js schema (a JSON object)', messageZh: '表单应为 form-js 表单定义（JSON 对象）' });
      return;
    }
    const { id, components } = schema as Record<string, unknown>;
    if (typeof id !== 'string' || !FORM_ID.test(id)) {
      problems.push({ code: 'form-id', field: `${at}/id`, message: 'The form needs an id (letters, digits, _ . -), which user tasks name as formId', messageZh: '表单需要 id（字母、数字、_ . -），用户任务以 formId 引用它' });
    } else if (seen.has(id)) {
      problems.push({ code: 'form-id-twice', field: `${at}/id`, message: `Form '${id}' appears twice`, messageZh: `表单“${id}”重复出现` });
    } else {
      seen.add(id);
    }
    const { versionTag } = schema as Record<string, unknown>;
    if (versionTag !== undefined && (typeof versionTag !== 'string' || versionTag.trim() === '' || versionTag.length > 200)) {
      problems.push({ code: 'form-version-tag', field: `${at}/versionTag`, message: 'A form version tag is a text of 1 to 200 characters', messageZh: '表单版本标签应为 1 至 200 个字符的文本' });
    }
    if (!Array.isArray(components)) {
      problems.push({ code: 'form-components', field: `${at}/components`, message: 'The form has no components array', messageZh: '表单缺少 components 数组' });
    }
  });
  return problems;
}

/** Deploys checked schemas in the caller's transaction: a new version each, unless unchanged. */
export async function deployForms(tx: Db, department: string, schemas: readonly FormSchema[], actor: string, now: Date): Promise<FormDeployment[]> {
  const deployed: FormDeployment[] = [];
  for (const schema of schemas) {
    const hash = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
    const latest = await newestFormVersion(tx, department, schema.id);
    if (latest && latest.schema_hash === hash) {
      deployed.push({ form: latest, unchanged: true });
      continue;
    }
    const form = await insertFormVersion(tx, { department, schema, version: (latest?.version ?? 0) + 1, schemaHash: hash, createdBy: actor, createdAt: now });
    deployed.push({ form, unchanged: false });
  }
  return deployed;
}

/** Every user task of the processes whose formId names no form of the department. */
export async function missingForms(tx: Db, department: string, processes: readonly ProcessModel[], deploying: readonly FormSchema[]): Promise<Array<{ elementId: string; formId: string }>> {
  const links: Array<{ elementId: string; formId: string }> = [];
  for (const process of processes) {
    for (const node of process.elements.values()) {
      const formId = node.userTask?.formId;
      if (formId) links.push({ elementId: node.id, formId });
    }
  }
  if (links.length === 0) return [];
  const known = new Set(deploying.map((schema) => schema.id));
  for (const formId of await deployedFormIds(tx, department, links.map((link) => link.formId))) known.add(formId);
  return links.filter((link) => !known.has(link.formId));
}

/**
 * Every user task whose form binding cannot be met, as Camunda 8 refuses it at deployment: bindingType deployment
 * needs the form in this deployment's forms; versionTag needs a form with that tag, sent now or deployed before.
 */
export async function unboundForms(tx: Db, department: string, processes: readonly ProcessModel[], deploying: readonly FormSchema[]): Promise<Array<{ elementId: string; message: string; messageZh: string }>> {
  const sent = new Set(deploying.map((schema) => schema.id));
  const sentTagged = new Set(deploying.filter((schema) => typeof schema.versionTag === 'string').map((schema) => `${schema.id}@${String(schema.versionTag)}`));
  const tagged: Array<{ elementId: string; formId: string; versionTag: string }> = [];
  const unbound: Array<{ elementId: string; message: string; messageZh: string }> = [];
  for (const process of processes) {
    for (const node of process.elements.values()) {
      const { formId, formBinding } = node.userTask ?? {};
      if (!formId || !formBinding) continue;
      if (formBinding.bindingType === 'deployment' && !sent.has(formId)) {
        unbound.push({
          elementId: node.id,
          message: `User task '${node.id}' binds form '${formId}' by deployment: send the form in this deployment's forms`,
          messageZh: `用户任务“${node.id}”按部署绑定表单“${formId}”：请在本次部署的 forms 中一并提交该表单`,
        });
      }
      if (formBinding.bindingType === 'versionTag' && !sentTagged.has(`${formId}@${formBinding.versionTag}`)) tagged.push({ elementId: node.id, formId, versionTag: formBinding.versionTag });
    }
  }
  const known = await deployedTaggedForms(tx, department, tagged);
  for (const { elementId, formId, versionTag } of tagged) {
    if (known.has(`${formId}@${versionTag}`)) continue;
    unbound.push({
      elementId,
      message: `User task '${elementId}' binds form '${formId}' with version tag '${versionTag}', which no form of department ${department} carries`,
      messageZh: `用户任务“${elementId}”绑定的表单“${formId}”（版本标签“${versionTag}”）在部门 ${department} 中不存在`,
    });
  }
  return unbound;
}

export function invalidForms(problems: FormProblem[]): EngineError {
  return new EngineError('invalid', 'The forms cannot be deployed', '表单无法部署', problems);
}
