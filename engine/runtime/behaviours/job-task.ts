import type { Behaviour } from './behaviour.js';
import { createJob } from './jobs.js';

/** Service, send and business-rule tasks (and script tasks with a job type): work done by an external worker. */
export const jobTask: Behaviour = {
  activate(execution, node, instance) {
    createJob(execution, node, instance);
  },
};
