import type { Request, Response } from 'express';
import type { InstanceRow } from '../../engine/index.js';
import { instanceDto } from '../dto.js';
import { PAGE_QUERY, pageOf, Variables } from '../schemas.js';
import type { JsonSchema } from '../http/validate.js';
import { decodeCursor, encodeCursor } from '../../engine/index.js';
import { Catalog, CatalogError } from '../../catalog/index.js';
import type { AppContext } from '../context.js';
import { ROLES, type Role } from '../http/auth.js';
import { Problem, type ProblemDetail } from '../http/problem.js';

/** Reading the catalog is open to every signed-in user. */
export const ANY_USER: readonly Role[] = ROLES;
/** Who may prepare changes: each department's designers and catalog administrators its own matters; the central catalog administrators all. */
export const CATALOG_EDITORS: readonly Role[] = ['catalog-admin', 'designer'];

const catalogs = new WeakMap<object, Catalog>();

/** One Catalog (and search index) per database, shared by every catalog router. */
export function catalogOf(context: AppContext): Catalog {
  let catalog = catalogs.get(context.db);
  if (!catalog) {
    catalog = new Catalog(context.db, context.engine);
    catalogs.set(context.db, catalog);
  }
  return catalog;
}

const STATUS = { invalid: 422, 'not-found': 404, conflict: 409, forbidden: 403, 'too-large': 413 } as const;

/** The catalog's refusals as problem+json: every issue with its row, field and code. */
export function toCatalogProblem(error: CatalogError): Problem {
  const errors = error.issues.map((issue) => {
    const detail: ProblemDetail & { code: string; key?: string } = { code: issue.code, message: issue.message, messageZh: issue.messageZh };
    if (issue.row !== undefined) detail.row = issue.row;
    if (issue.field !== undefined) {
      detail.field = issue.field;
      if (issue.field.startsWith('/')) detail.pointer = issue.field;
    }
    if (issue.pointer !== undefined) detail.pointer = issue.pointer;
    if (issue.key !== undefined) detail.key = issue.key;
    return detail;
  });
  return new Problem(STATUS[error.kind], error.message, error.messageZh, {
    type: `https://matterflow.dev/problems/catalog-${error.kind}`,
    ...(errors.length > 0 ? { errors } : {}),
  });
}

/** Wraps a handler so that catalog errors leave as problems. */
export function handled(handler: (req: Request, res: Response) => Promise<unknown>) {
  return async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      throw error instanceof CatalogError ? toCatalogProblem(error) : error;
    }
  };
}

export const CodeParams = { type: 'object', properties: { code: { type: 'string', minLength: 1, maxLength: 120 } }, required: ['code'] };
export const AsOf = { type: 'string', format: 'date', description: 'As of this date (YYYY-MM-DD); default today. 按该日期查询（默认今天）。' };
/** Search results are ranked, not keyed: their cursor carries the offset of the next page (`offset` still works). */
export const Page = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  offset: { type: 'integer', minimum: 0, maximum: 1000000, default: 0 },
  cursor: PAGE_QUERY.cursor,
};

/** Where a ranked page starts: the cursor's offset, else `offset`, else 0. */
export function offsetOf(req: Request): number | undefined {
  const cursor = req.query.cursor as string | undefined;
  if (cursor !== undefined) return Number(decodeCursor(cursor, 1, ['int'])![0]);
  return req.query.offset === undefined ? undefined : Number(req.query.offset);
}

/** A ranked page as every list answers: its items, the total, and the cursor of the next page. */
export function rankedPage<T>(found: { items: T[]; total: number }, offset: number | undefined): { items: T[]; total: number; nextCursor: string | null } {
  const next = (offset ?? 0) + found.items.length;
  return { ...found, nextCursor: found.items.length > 0 && next < found.total ? encodeCursor([next]) : null };
}

/** The schema of a ranked page: pageOf with the catalog date it was read as of. */
export function rankedPageOf(items: JsonSchema): JsonSchema {
  const page = pageOf(items);
  return { ...page, properties: { ...(page.properties as Record<string, JsonSchema>), asOf: { type: 'string', format: 'date' } } };
}

/** What an application carries, for a matter's case and for a 一件事 case alike. */
export const APPLICATION_PROPERTIES = {
  regionCode: { type: 'string', minLength: 1, maxLength: 40 },
  applicant: { type: 'object', description: 'The applicant (申请人): name, id type and number, contact…' },
  data: Variables,
  businessKey: { type: 'string', minLength: 1, maxLength: 200 },
};

/** 201 with the new instance (and where to find it), beside what the catalog chose for it. */
export async function sendStartedCase(res: Response, context: AppContext, started: { instance: InstanceRow } & Record<string, unknown>): Promise<void> {
  const { instance, ...rest } = started;
  // A repeated start (same business key and request) is answered with the instance the first one created.
  if (instance.replayed) res.set('Idempotent-Replayed', 'true');
  res
    .status(instance.replayed ? 200 : 201)
    .location(`/api/v1/process-instances/${instance.id}`)
    .json({ ...rest, instance: instanceDto(instance, await context.engine.elementInfo(instance.definition_id)) });
}
