/** Hash routing: `#/monitor/abc` → page `monitor` with params ['abc']. */
export interface Route {
  page: string;
  params: string[];
  query: URLSearchParams;
}

export function parseRoute(hash: string = window.location.hash): Route {
  const [path, search] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page: parts[0] ?? '', params: parts.slice(1), query: new URLSearchParams(search ?? '') };
}

export function navigate(path: string): void {
  window.location.hash = path.startsWith('#') ? path : `#${path}`;
}

export function link(path: string): string {
  return `#${path}`;
}
