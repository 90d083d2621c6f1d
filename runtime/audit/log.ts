import type { Transaction } from '@libsql/client';

/** One audit event; `changes` holds the before/after of the fields that changed. */
export interface AuditEvent {
  tenantId: string | null;
  actorId: string | null;
  action: string;
  targetType: 'tenant' | 'user' | 'membership' | 'team' | 'invitation' | 'session' | 'config' | 'record' | 'token' | 'request' | 'view' | 'mailbox';
  targetId?: string | null;
  /** For records: the entity, and who owned and created it, so readers see only events of records in their scope. */
  record?: { entity: string; ownerId: string; createdBy: string; team: string | null };
  address?: string | null;
  changes?: Record<string, { before?: unknown; after?: unknown }> | Record<string, unknown>;
}

/** Appends an event in the caller's transaction, so the change and its audit commit together. */
export async function audit(tx: Transaction, event: AuditEvent, now: number): Promise<void> {
  await tx.execute({
    sql: `INSERT INTO audit_events (tenant_id, at, actor_id, action, target_type, target_id, entity, record_owner, record_creator, record_team, address, changes)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      event.tenantId,
      now,
      event.actorId,
      event.action,
      event.targetType,
      event.targetId ?? null,
      event.record?.entity ?? null,
      event.record?.ownerId ?? null,
      event.record?.createdBy ?? null,
      event.record?.team ?? null,
      event.address ?? null,
      event.changes ? JSON.stringify(event.changes) : null,
    ],
  });
}

/** The before/after of each key whose value differs between two objects. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, { before?: unknown; after?: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { before: before[key], after: after[key] };
  }
  return changes;
}
