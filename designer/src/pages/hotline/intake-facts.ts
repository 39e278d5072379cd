/**
 * What the case page needs to know before asking for a ticket's intake, read from the case itself. Pure (no DOM,
 * no i18n), so it is unit-tested in Node.
 */

/** The 12345 centre's intake post (catalog/intake/intake-post.ts): 集中受理 is its holders' page. */
export const INTAKE_POST = '热线受理';

/** The channels a ticket is taken in from (catalog/store/intake-store.ts INTAKE_CHANNELS). */
export const INTAKE_CHANNELS = ['phone', 'web', 'app', 'window'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/**
 * The variable 集中受理 marks a ticket with, holding its channel (catalog/intake/ticket-intake.ts INTAKE_VARIABLE);
 * a 重办 starts with the original's variables, so it carries the mark too.
 */
export const INTAKE_VARIABLE = 'intakeChannel';

/**
 * The channel a case came in by, or null for a case not taken in through 集中受理 (a permit, a ticket from the
 * matter's own endpoint): for those the page does not ask, since the API answers 404.
 */
export function intakeChannelOf(variables: Record<string, unknown> | null | undefined): IntakeChannel | null {
  const value = variables?.[INTAKE_VARIABLE];
  return typeof value === 'string' && (INTAKE_CHANNELS as readonly string[]).includes(value) ? (value as IntakeChannel) : null;
}

/** A reported location as degrees, four places (about 10 m): 113.6700, 22.8200; null when there is none. */
export function coordinates(longitude: number | null | undefined, latitude: number | null | undefined): { longitude: string; latitude: string } | null {
  if (typeof longitude !== 'number' || typeof latitude !== 'number' || !Number.isFinite(longitude) || !Number.isFinite(latitude)) return null;
  return { longitude: longitude.toFixed(4), latitude: latitude.toFixed(4) };
}
