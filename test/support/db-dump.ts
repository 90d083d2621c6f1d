import type { Client } from '@libsql/client';

/** Every row of every table (FTS shadow tables included), as sorted text: equal dumps mean nothing was written. */
export async function dumpDb(client: Client): Promise<Record<string, string[]>> {
  const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")).rows;
  const dump: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = (await client.execute(`SELECT * FROM "${String(name)}"`)).rows;
    dump[String(name)] = rows
      .map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof ArrayBuffer ? Buffer.from(v).toString('hex') : v)))
      .sort();
  }
  return dump;
}
