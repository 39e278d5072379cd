import { compileProcess } from './compile-process.js';
import { parseBpmn, type ModdleElement } from './parse-bpmn.js';
import { problem, type ModelProblem } from './problem.js';
import type { ProcessModel } from './process-model.js';

export type CompileResult = { ok: true; processes: ProcessModel[] } | { ok: false; problems: ModelProblem[] };

export interface CompileOptions {
  /**
   * For running what is deployed already, never for deploying: problems found by today's rules
   * do not stop the compile. An instance deployed under an older release's rules must keep
   * running when a later release refuses something in its model; what no longer compiles fails
   * where it is reached (a FEEL expression that does not compile is an incident there), instead
   * of the whole case answering 500. Rules are added so that the model can still be built: a new
   * rule files a problem and keeps what it checked.
   */
  lenient?: boolean;
}

/** Parses and compiles every executable process of a BPMN file; all problems are reported at once. */
export async function compileDeployment(xml: string | Uint8Array, options: CompileOptions = {}): Promise<CompileResult> {
  const parsed = await parseBpmn(xml);
  if (!parsed.ok) return parsed;
  if (parsed.warnings.length > 0 && !options.lenient) return { ok: false, problems: parsed.warnings };
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
    const result = compileProcess(process, options);
    if (result.ok) processes.push(result.model);
    else problems.push(...result.problems);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, processes };
}
