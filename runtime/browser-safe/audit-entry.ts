/**
 * One audit event as `GET /api/audit` gives it to a reader: changes to fields hidden from them left out, a record's
 * title only while they may read it, `target.name` the person an event about a person concerns.
 */
export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  action: string;
  target: { type: string; id: string | null; entity?: string; title?: string | null; name?: string };
  address?: string;
  changes: Record<string, unknown> | null;
}
