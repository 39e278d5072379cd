import { compileProcess } from './compile-process.js';
import { parseBpmn, type ModdleElement } from './parse-bpmn.js';
import { problem, type ModelProblem } from './problem.js';
import type { ProcessModel } from './process-model.js';

export type CompileResult = { ok: true; processes: ProcessModel[] } | { ok: false; problems: ModelProblem[] };

/** Parses and compiles every executable process of a BPMN file; all problems are reported at once. */
export async function compileDeployment(xml: string): Promise<CompileResult> {
  const parsed = await parseBpmn(xml);
  if (!parsed.ok) return parsed;
  const rootElements = (parsed.definitions.rootElements as ModdleElement[] | undefined) ?? [];
  const executable = rootElements.filter((root) => root.$type === 'bpmn:Process' && root.isExecutable === true);
  if (executable.length === 0) {
    const anyProcess = rootElements.find((root) => root.$type === 'bpmn:Process');
    return {
      ok: false,
      problems: [
        problem('deployment.noExecutableProcess', 'The file has no executable process (isExecutable="true")', '文件中没有可执行流程（需设置 isExecutable="true"）', anyProcess?.id ? { elementId: String(anyProcess.id) } : {}),
      ],
    };
  }
  const problems: ModelProblem[] = [];
  const processes: ProcessModel[] = [];
  for (const process of executable) {
    const result = compileProcess(process);
    if (result.ok) processes.push(result.model);
    else problems.push(...result.problems);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, processes };
}
