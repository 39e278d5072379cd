import type { Actor } from '../actor.js';

/**
 * The region a message or signal published by a region-scoped user stays within (D10: such a user reads and acts
 * only within their region and below): it reaches only the cases there, and a case it starts belongs to that region.
 * A process's own throw events and city-level users' publications carry none.
 */
export interface SenderRegion {
  code: string | null;
  path: string;
  actor: Actor;
}
