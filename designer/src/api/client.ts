import { pickLanguage } from '../i18n/index.js';
import type { Problem } from './types.js';

/** An HTTP failure carrying the server's problem+json (or a synthetic one for network errors). */
export class ApiProblem extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  /** Title and detail in the user's language. */
  describe(): string {
    const title = pickLanguage(this.problem.title, this.problem.titleZh);
    const detail = pickLanguage(this.problem.detail, this.problem.detailZh);
    return detail && detail !== title ? `${title}：${detail}` : title;
  }
}

const TOKEN_KEY = 'matterflow.token';

export function storedToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  token?: string | null;
  /** Return null for a 404 instead of throwing (catalog and metrics may not be deployed yet). */
  allowNotFound?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const token = options.token === undefined ? storedToken() : options.token;
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new ApiProblem({
      title: 'Network error',
      titleZh: '网络错误',
      status: 0,
      detail: `The server could not be reached (${(error as Error).message}).`,
      detailZh: '无法连接服务器，请检查网络后重试。',
    });
  }
  if (response.status === 404 && options.allowNotFound) return null as T;
  if (response.status === 204) return null as T;
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    const problem = isProblem(parsed)
      ? parsed
      : { title: response.statusText || 'Request failed', titleZh: '请求失败', status: response.status, detail: text.slice(0, 300) };
    throw new ApiProblem(problem);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'title' in value && 'status' in value;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
