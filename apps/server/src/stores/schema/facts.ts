/**
 * What the SQLite and PostgreSQL readers share: the facts they leave out and the way they write a
 * foreign key, so the two dialects' snapshots read alike.
 */

/** One store's tables, each a list of facts (column, key, index, check), and its other objects. */
export interface SchemaFacts {
  tables: Record<string, string[]>;
  others: string[];
}

/** knex's own bookkeeping: its shape is knex's, not ours. */
export const KNEX_TABLES = new Set(['knex_migrations', 'knex_migrations_lock']);

function referentialAction(action: string): string {
  const lower = action.toLowerCase();
  return lower === 'no action' ? '' : lower;
}

export function foreignKeyLine(
  columns: string,
  table: string,
  refColumns: string,
  onUpdate: string,
  onDelete: string,
): string {
  const update = referentialAction(onUpdate);
  const del = referentialAction(onDelete);
  return (
    `foreign key (${columns}) references ${table}${refColumns ? ` (${refColumns})` : ''}` +
    (update ? ` on update ${update}` : '') +
    (del ? ` on delete ${del}` : '')
  );
}
