import type { Knex } from 'knex';

/**
 * The schema's tables in an order that inserts every referenced table before those referring to it
 * (foreign keys inside the schema). A table referring to itself, or a cycle, cannot be ordered: those
 * come last, and the caller inserts them with triggers off.
 */
export async function tableOrder(k: Knex, schema: string, tables: readonly string[]): Promise<string[]> {
  const { rows } = (await k.raw(
    `SELECT child.relname AS child, parent.relname AS parent
       FROM pg_constraint c
       JOIN pg_class child ON child.oid = c.conrelid
       JOIN pg_class parent ON parent.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = child.relnamespace
      WHERE c.contype = 'f' AND n.nspname = ?`,
    [schema],
  )) as { rows: { child: string; parent: string }[] };
  const wanted = new Set(tables);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const r of rows) {
    if (wanted.has(r.child) && wanted.has(r.parent) && r.child !== r.parent)
      parents.get(r.child)!.add(r.parent);
  }
  const order: string[] = [];
  const placed = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const t of [...tables].sort()) {
      if (placed.has(t)) continue;
      if ([...parents.get(t)!].every((p) => placed.has(p))) {
        order.push(t);
        placed.add(t);
        progress = true;
      }
    }
  }
  return [...order, ...tables.filter((t) => !placed.has(t)).sort()];
}

/** Tables with a foreign key to themselves, or in a cycle: rows cannot be inserted parents first. */
export async function selfReferencing(k: Knex, schema: string): Promise<Set<string>> {
  const { rows } = (await k.raw(
    `SELECT DISTINCT child.relname AS t
       FROM pg_constraint c
       JOIN pg_class child ON child.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = child.relnamespace
      WHERE c.contype = 'f' AND n.nspname = ? AND c.conrelid = c.confrelid`,
    [schema],
  )) as { rows: { t: string }[] };
  return new Set(rows.map((r) => r.t));
}

/** Data types of a table's columns: json and jsonb values go back as JSON text. */
export async function columnTypes(k: Knex, schema: string, table: string): Promise<Map<string, string>> {
  const { rows } = (await k.raw(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ?`,
    [schema, table],
  )) as { rows: { column_name: string; data_type: string }[] };
  return new Map(rows.map((r) => [r.column_name, r.data_type]));
}

/** After rows were inserted with their ids: every sequence owned by a column continues past the largest. */
export async function resetSequences(k: Knex, schema: string): Promise<void> {
  const { rows } = (await k.raw(
    `SELECT t.relname AS "table", a.attname AS "column", pg_get_serial_sequence(format('%I.%I', ns.nspname, t.relname), a.attname) AS seq
       FROM pg_class t
       JOIN pg_namespace ns ON ns.oid = t.relnamespace
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE ns.nspname = ? AND t.relkind = 'r'
        AND pg_get_serial_sequence(format('%I.%I', ns.nspname, t.relname), a.attname) IS NOT NULL`,
    [schema],
  )) as { rows: { table: string; column: string; seq: string }[] };
  for (const r of rows) {
    await k.raw(`SELECT setval(?::regclass, COALESCE((SELECT max(??) FROM ??.??), 0) + 1, false)`, [
      r.seq,
      r.column,
      schema,
      r.table,
    ]);
  }
}
