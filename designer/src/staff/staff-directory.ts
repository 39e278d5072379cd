import { query } from '../api/client.js';
import { fetchAll } from '../app/paged-list.js';
import type { Department, Post, Region, StaffUser } from '../api/staff-types.js';

/**
 * Who works where, for pickers and for showing names instead of codes. Read once per page view
 * (the lists are small: one department's staff and posts, the city's departments and towns).
 */
const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!cache.has(key)) cache.set(key, load().catch((error) => { cache.delete(key); throw error; }));
  return cache.get(key) as Promise<T>;
}

/** Forget what was read (after adding or changing a user). */
export function forgetStaff(): void {
  cache.clear();
}

export function departmentUsers(department: string): Promise<StaffUser[]> {
  return cached(`users:${department}`, () => fetchAll<StaffUser>(`/users${query({ department, limit: 500 })}`));
}

export function departmentPosts(department: string): Promise<Post[]> {
  return cached(`posts:${department}`, () => fetchAll<Post>(`/posts${query({ department })}`));
}

export function departments(): Promise<Department[]> {
  return cached('departments', () => fetchAll<Department>('/departments'));
}

/** Towns and streets (镇街): the regions a user can be scoped to. */
export function towns(): Promise<Region[]> {
  return cached('towns', () => fetchAll<Region>(`/catalog/regions${query({ level: 'town' })}`));
}

/** A user's name for display: "name" when known, else the id. */
export function userLabel(user: Pick<StaffUser, 'id' | 'name'>): string {
  return user.name || user.id;
}
