import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../engine/index.js';

export interface User {
  id: string;
  name: string;
  department: string;
  roles: string[];
  groups: string[];
}

/** Users and their API tokens. Only a SHA-256 of a token is stored. */
export class TokenStore {
  constructor(private readonly db: Db) {}

  async upsertUser(user: User): Promise<void> {
    await this.db.query(
      `INSERT INTO users (id, name, department, roles, groups) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, department = EXCLUDED.department, roles = EXCLUDED.roles, groups = EXCLUDED.groups`,
      [user.id, user.name, user.department, user.roles, user.groups],
    );
  }

  async getUser(id: string): Promise<User | undefined> {
    const [row] = await this.db.query<User>('SELECT id, name, department, roles, groups FROM users WHERE id = $1', [id]);
    return row;
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
    return rows.length > 0;
  }

  async userForToken(token: string): Promise<User | undefined> {
    const [row] = await this.db.query<User>(
      `SELECT u.id, u.name, u.department, u.roles, u.groups FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [hash(token)],
    );
    return row;
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
