/** Only plain JSON goes into the state and into FEEL evaluation (D2). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Variables = { [name: string]: Json };

export function isPlainObject(value: unknown): value is Variables {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
