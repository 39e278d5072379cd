import type { paths } from './schema.js';

/**
 * A small typed client over fetch, typed entirely by the generated api/client/schema.d.ts: the path,
 * its parameters, the JSON body and the JSON answer all come from the OpenAPI document, so a call that
 * the document does not allow does not compile. Errors are thrown as ApiError with the problem+json.
 */

type Method = 'get' | 'post' | 'put' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
/** The paths that have an operation for the method. */
export type PathOf<M extends Method> = { [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never }[keyof paths];

type PathParams<O> = O extends { parameters: { path: infer T } } ? ([T] extends [never | undefined] ? unknown : { path: T }) : unknown;
type QueryParams<O> = O extends { parameters: { query?: infer T } } ? ([T] extends [never | undefined] ? unknown : { query?: T }) : unknown;
type JsonBody<O> = O extends { requestBody: { content: { 'application/json': infer B } } }
  ? { body: B }
  : O extends { requestBody?: { content: { 'application/json': infer B } } }
    ? { body?: B }
    : unknown;
/** What a call needs: path parameters, query and JSON body, as the operation declares them. */
export type Options<O> = PathParams<O> & QueryParams<O> & JsonBody<O>;

type SuccessStatus = 200 | 201 | 202 | 204;
type Success<O> = O extends { responses: infer R } ? { [S in SuccessStatus & keyof R]: R[S] }[SuccessStatus & keyof R] : never;
/** The JSON an operation answers with on success (undefined for 204). */
export type Answer<O> = Success<O> extends infer S ? (S extends { content: { 'application/json': infer T } } ? T : undefined) : never;

/** A refusal: the status and the problem+json (RFC 9457) the server sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { type?: string; title?: string; titleZh?: string; detail?: string; errors?: unknown[] },
  ) {
    super(`${status} ${problem.title ?? ''}`.trim());
    this.name = 'ApiError';
  }
}

export interface MatterflowClient {
  get<P extends PathOf<'get'>>(path: P, ...options: OptionalIfEmpty<Options<Operation<P, 'get'>>>): Promise<Answer<Operation<P, 'get'>>>;
  post<P extends PathOf<'post'>>(path: P, ...options: OptionalIfEmpty<Options<Operation<P, 'post'>>>): Promise<Answer<Operation<P, 'post'>>>;
  put<P extends PathOf<'put'>>(path: P, ...options: OptionalIfEmpty<Options<Operation<P, 'put'>>>): Promise<Answer<Operation<P, 'put'>>>;
  delete<P extends PathOf<'delete'>>(path: P, ...options: OptionalIfEmpty<Options<Operation<P, 'delete'>>>): Promise<Answer<Operation<P, 'delete'>>>;
}
/** Options may be left out when nothing in them is required. */
type OptionalIfEmpty<T> = Record<string, never> extends T ? [options?: T] : [options: T];

/** A client for the API at `baseUrl` (…/api/v1), calling with the bearer token. */
export function createClient(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): MatterflowClient {
  const call = (method: Method) => async (path: string, options: { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown } = {}) => {
    const filled = path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(String(options.path?.[name])));
    const query = new URLSearchParams(Object.entries(options.query ?? {}).filter(([, value]) => value !== undefined).map(([key, value]): [string, string] => [key, String(value)]));
    const response = await fetchImpl(`${baseUrl}${filled}${query.size > 0 ? `?${query}` : ''}`, {
      method: method.toUpperCase(),
      headers: { Authorization: `Bearer ${token}`, ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => ({}))) as ApiError['problem']);
    return response.status === 204 ? undefined : response.json();
  };
  return { get: call('get'), post: call('post'), put: call('put'), delete: call('delete') } as MatterflowClient;
}
