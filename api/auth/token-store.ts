import { createHash, randomBytes } from 'node:crypto';
import type { Database, Staff } from '../../engine/index.js';
import { AuthenticatedUsers } from './authenticated-users.js';

/** A user as the API knows them (D10): department, region scope, posts (groups) and roles. */
export interface User {
  id: string;
  name: string;
  department: string;
  roles: string[];
  groups: string[];
  regionCode?: string | null;
  /** The region's path ('/441900/441900003/'), filled in at authentication. */
  regionPath?: string | null;
}

/** API tokens, and the users they stand for. Only a SHA-256 of a token is stored. */
export class TokenStore {
  /** Who tokens stand for, kept while the database notifies every change (see authenticated-users.ts). */
  readonly cache: AuthenticatedUsers;

  constructor(
    private readonly db: Database,
    private readonly staff: Staff,
  ) {
    this.cache = new AuthenticatedUsers(db);
  }

  /**
   * Creates or updates a user as the system (seed data, the CLI, tests): their department
   * becomes known and the posts they hold are declared in it. Administrators working through
   * the API go through Staff.saveUser, which checks what they may grant.
   */
  async upsertUser(user: User): Promise<void> {
    await this.staff.ensureDepartments([user.department]);
    await this.staff.store.upsertUser({ id: user.id, name: user.name, department: user.department, roles: user.roles, groups: user.groups, regionCode: user.regionCode ?? null }, 'system');
    await this.staff.store.declareHeldPosts(user.department);
    this.cache.forgetAll();
  }

  async getUser(id: string): Promise<User | undefined> {
    return this.staff.store.user(id);
  }

  /** Creates a new token for a user and returns it: the only moment it exists in clear. */
  async createToken(userId: string, label?: string): Promise<string> {
    const token = `mf_${randomBytes(24).toString('base64url')}`;
    await this.db.query('INSERT INTO api_tokens (token_hash, user_id, label) VALUES ($1, $2, $3)', [hash(token), userId, label ?? null]);
    return token;
  }

  /** Registers a token whose clear text is kept elsewhere (the embedded mode's dev token file). */
  async registerToken(userId: string, token: string, label?: string): Promise<void> {
    await this.db.query('INSERT INTO api_tokens (token_hash, user_id, label) VALUES ($1, $2, $3) ON CONFLICT (token_hash) DO NOTHING', [hash(token), userId, label ?? null]);
  }

  async revokeToken(token: string): Promise<boolean> {
    const rows = await this.db.query('UPDATE api_tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id', [hash(token)]);
    this.cache.forgetAll();
    return rows.length > 0;
  }

  /** Revokes every token of a user (when they leave or are disabled). */
  async revokeUserTokens(userId: string): Promise<number> {
    const rows = await this.db.query('UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING token_hash', [userId]);
    this.cache.forgetAll();
    return rows.length;
  }

  /** The enabled user a live token stands for, with their region's path. */
  async userForToken(token: string): Promise<User | undefined> {
    const tokenHash = hash(token);
    const cached = this.cache.get(tokenHash);
    // A copy per request: one request's handling never reaches another's.
    if (cached) return { ...cached, roles: [...cached.roles], groups: [...cached.groups] };
    const since = this.cache.begin();
    const user = await this.lookUp(tokenHash);
    if (user) this.cache.remember(tokenHash, user, since);
    return user;
  }

  private async lookUp(tokenHash: string): Promise<User | undefined> {
    const [row] = await this.db.query<User & { region_code: string | null; region_path: string | null }>(
      `SELECT u.id, u.name, u.department, u.roles, u.groups, u.region_code, r.path AS region_path
       FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN regions r ON r.code = u.region_code
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL`,
      [tokenHash],
    );
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      department: row.department,
      roles: row.roles,
      groups: row.groups,
      regionCode: row.region_code,
      regionPath: row.region_code ? (row.region_path ?? `/${row.region_code}/`) : null,
    };
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
