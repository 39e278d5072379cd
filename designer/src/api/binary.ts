import { ApiProblem, storedToken } from './client.js';
import type { Problem } from './types.js';

/** Files over the API: the body is the file's bytes, not JSON (attachments). */
export async function uploadFile<T>(path: string, file: Blob): Promise<T> {
  const response = await send(path, { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
  return (await response.json()) as T;
}

export async function downloadFile(path: string): Promise<Blob> {
  return (await send(path, { method: 'GET' })).blob();
}

async function send(path: string, init: { method: string; body?: Blob; headers?: Record<string, string> }): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json, */*', ...(init.headers ?? {}) };
  const token = storedToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method: init.method, body: init.body, headers });
  } catch (error) {
    throw new ApiProblem({ title: 'Network error', titleZh: '网络错误', status: 0, detail: (error as Error).message, detailZh: '无法连接服务器，请检查网络后重试。' });
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiProblem(problem && typeof problem === 'object' && 'title' in problem ? problem : { title: response.statusText || 'Request failed', titleZh: '请求失败', status: response.status });
  }
  return response;
}
