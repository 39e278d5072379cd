/** Why a model cannot be deployed, and where: an element id, an XML position, or both. */
export interface ModelProblem {
  code: string;
  message: string;
  messageZh: string;
  elementId?: string;
  line?: number;
  column?: number;
}

export function problem(code: string, message: string, messageZh: string, where: Partial<Pick<ModelProblem, 'elementId' | 'line' | 'column'>> = {}): ModelProblem {
  return { code, message, messageZh, ...where };
}
