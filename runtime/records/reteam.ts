import type { Transaction } from '@libsql/client';
import type { Bundle } from '../browser-safe/bundle.ts';
import { indexRecord } from './store.ts';

/**
 * After a person's team changed: the records they own carry the new team (team scope is one indexed lookup) and are
 * indexed again (search scope tokens carry the team). Their versions stay: nothing a reader sees of them changed.
 */
export async function reteamOwner(tx: Transaction, bundle: Bundle, tenantId: string, ownerId: string, team: string | null): Promise<void> {
  await tx.execute({ sql: 'UPDATE records SET team = ? WHERE tenant_id = ? AND owner_id = ?', args: [team, tenantId, ownerId] });
  // Those in the recycle bin too: one restored later comes back to its owner's team of then, not of its deletion.
  await tx.execute({ sql: 'UPDATE deleted_records SET team = ? WHERE tenant_id = ? AND owner_id = ?', args: [team, tenantId, ownerId] });
  const rows = (await tx.execute({ sql: 'SELECT seq, entity, data, created_by FROM records WHERE tenant_id = ? AND owner_id = ?', args: [tenantId, ownerId] }))
    .rows;
  for (const row of rows) {
    const def = bundle.entities[String(row.entity)];
    if (!def) continue;
    await indexRecord(tx, Number(row.seq), def.form.schema, JSON.parse(String(row.data)), {
      tenantId,
      entity: String(row.entity),
      ownerId,
      createdBy: String(row.created_by),
      team,
    });
  }
}
