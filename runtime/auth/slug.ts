import type { Transaction } from '@libsql/client';
import { randomBytes } from 'node:crypto';

/** A URL-safe slug from a tenant name, made unique among tenants (inside the caller's write transaction). */
export async function uniqueSlug(tx: Transaction, name: string): Promise<string> {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'tenant';
  for (let n = 1; n <= 20; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const taken = (await tx.execute({ sql: 'SELECT 1 FROM tenants WHERE slug = ?', args: [slug] })).rows.length > 0;
    if (!taken) return slug;
  }
  return `${base}-${randomBytes(4).toString('hex')}`;
}
