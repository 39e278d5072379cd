import { createHash } from 'node:crypto';

/**
 * What makes two starts "the same request" for idempotency: the process, the version asked for
 * (none = the latest), the business key, the region and the variables, compared as canonical JSON (key
 * order does not matter). A client that retries a start whose answer it lost sends exactly this
 * again; anything else under the same business key is a different case, and a conflict.
 */
export function startRequestFingerprint(input: { processId: string; version?: number; businessKey: string; regionCode?: string; variables?: unknown }): string {
  const canonical = JSON.stringify(
    sorted({ processId: input.processId, version: input.version ?? null, businessKey: input.businessKey, regionCode: input.regionCode ?? null, variables: input.variables ?? {} }),
  );
  return createHash('sha256').update(canonical).digest('base64url');
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
