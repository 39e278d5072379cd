import type { ProcessModel } from '../model/index.js';

/** gov:sla response="profile": the first-response limit is the SLA profile's (the matter's, when the catalog gives one). */
export const RESPONSE_FROM_PROFILE = 'profile';

/** What a model's user tasks say about SLA beyond their own limits. */
export interface ModelSteps {
  /** The user tasks marked gov:sla response: the first-response steps (首次响应). */
  readonly response: ReadonlySet<string>;
  /**
   * The key under which each user task finds its limit in the matter's operating standard (matter.stepLimits):
   * its gov:sla step, else its element id. Tasks with a limit of their own in the model are left out: theirs wins.
   */
  readonly stepKeys: ReadonlyMap<string, string>;
}

const scanned = new WeakMap<ProcessModel, ModelSteps>();

/** The model's SLA steps, scanned once per compiled model: every command of the hot path asks. */
export function modelSteps(model: ProcessModel): ModelSteps {
  let steps = scanned.get(model);
  if (!steps) {
    const response = new Set<string>();
    const stepKeys = new Map<string, string>();
    for (const element of model.elements.values()) {
      if (element.kind !== 'userTask') continue;
      const sla = element.gov.sla;
      if (sla?.response) response.add(element.id);
      if (!sla?.statutory && !sla?.committed) stepKeys.set(element.id, sla?.step ?? element.id);
    }
    steps = { response, stepKeys };
    scanned.set(model, steps);
  }
  return steps;
}
