import { api, storeToken, storedToken } from '../api/client.js';
import type { Me, Role } from '../api/types.js';

/** Who is signed in. Pages read it to decide what the user sees and may do. */
let me: Me | null = null;

export function currentUser(): Me | null {
  return me;
}

export function hasRole(...roles: Role[]): boolean {
  return !!me && (me.roles.includes('admin') || roles.some((role) => me!.roles.includes(role)));
}

/** Whether the user holds a post (岗位, GET /me's groups); an administrator stands in for every post. */
export function holdsPost(post: string): boolean {
  return !!me && (me.roles.includes('admin') || (me.groups ?? []).includes(post));
}

/** Check a token against GET /me and keep it when it is valid. */
export async function signIn(token: string): Promise<Me> {
  const user = await api<Me>('/me', { token });
  storeToken(token);
  rememberToken(token, user);
  me = user;
  return user;
}

export function signOut(): void {
  storeToken(null);
  me = null;
}

/** Restore the session from a stored token; a rejected token signs the user out. */
export async function restoreSession(): Promise<Me | null> {
  const token = storedToken();
  if (!token) return null;
  try {
    me = await api<Me>('/me', { token });
  } catch {
    me = null;
  }
  return me;
}

export interface RememberedToken {
  token: string;
  name: string;
  department: string;
  roles: Role[];
}

const REMEMBERED_KEY = 'matterflow.rememberedTokens';

/** Tokens used before on this browser, so a tester can switch between roles quickly. */
export function rememberedTokens(): RememberedToken[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(REMEMBERED_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as RememberedToken[]) : [];
  } catch {
    return [];
  }
}

function rememberToken(token: string, user: Me): void {
  const others = rememberedTokens().filter((entry) => entry.token !== token);
  const entry = { token, name: user.name, department: user.departmentName ?? user.department, roles: user.roles };
  localStorage.setItem(REMEMBERED_KEY, JSON.stringify([entry, ...others].slice(0, 10)));
}

export function forgetToken(token: string): void {
  localStorage.setItem(REMEMBERED_KEY, JSON.stringify(rememberedTokens().filter((entry) => entry.token !== token)));
}
