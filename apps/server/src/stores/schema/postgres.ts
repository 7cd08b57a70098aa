import type { Knex } from 'knex';
import type { StoreName } from '@tripdesk/shared';
import { foreignKeyLine, KNEX_TABLES, type SchemaFacts } from './facts.ts';

const PG_ACTIONS: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

/** PostgreSQL: the store's schema (named after it) in the catalog; OIDs only join, never show. */
export async function describePg(knex: Knex, store: StoreName): Promise<SchemaFacts> {
  const rows = async <T>(sql: string): Promise<T[]> =>
    ((await knex.raw(sql, { store })) as { rows: T[] }).rows;
  const tables: Record<string, string[]> = {};
  const add = (table: string, line: string) => (tables[table] ??= []).push(line);

  const relations = await rows<{ table: string }>(`
    select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = :store and c.relkind in ('r', 'p')`);
  for (const r of relations) if (!KNEX_TABLES.has(r.table)) tables[r.table] = [];

  const columns = await rows<{
    table: string;
    name: string;
    type: string;
    not_null: boolean;
    default: string | null;
    identity: string;
    generated: string;
  }>(`
    select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
      a.attnotnull as not_null, pg_get_expr(d.adbin, d.adrelid) as default,
      a.attidentity as identity, a.attgenerated as generated
    from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where n.nspname = :store and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`);
  for (const c of columns) {
    if (!tables[c.table]) continue;
    const generated = c.generated === 's';
    add(
      c.table,
      `column ${c.name} ${c.type}${c.not_null ? ' not null' : ''}` +
        (c.default != null && !generated ? ` default ${c.default}` : '') +
        (generated ? ` generated always as ${c.default} stored` : '') +
        (c.identity ? ` identity ${c.identity === 'a' ? 'always' : 'by default'}` : ''),
    );
  }

  // NOT NULL is on the columns already (PostgreSQL 18 lists it here too, as 'n'): keys and checks only.
  const constraints = await rows<{
    table: string;
    name: string;
    type: string;
    definition: string;
    columns: string;
    ref_schema: string | null;
    ref_table: string | null;
    ref_columns: string | null;
    on_update: string;
    on_delete: string;
  }>(`
    select c.relname as table, k.conname as name, k.contype as type,
      pg_get_constraintdef(k.oid) as definition,
      (select string_agg(a.attname, ', ' order by u.i) from unnest(k.conkey) with ordinality u(n, i)
        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n) as columns,
      fn.nspname as ref_schema, f.relname as ref_table,
      (select string_agg(a.attname, ', ' order by u.i) from unnest(k.confkey) with ordinality u(n, i)
        join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n) as ref_columns,
      k.confupdtype as on_update, k.confdeltype as on_delete
    from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_class f on f.oid = k.confrelid
      left join pg_namespace fn on fn.oid = f.relnamespace
    where n.nspname = :store and k.contype in ('p', 'u', 'f', 'c', 'x')`);
  for (const k of constraints) {
    if (!tables[k.table]) continue;
    if (k.type === 'p') add(k.table, `primary key (${k.columns})`);
    else if (k.type === 'u') add(k.table, `unique ${k.name} (${k.columns})`);
    else if (k.type === 'f') {
      const refTable = k.ref_schema === store ? k.ref_table! : `${k.ref_schema}.${k.ref_table}`;
      add(
        k.table,
        foreignKeyLine(
          k.columns,
          refTable,
          k.ref_columns ?? '',
          PG_ACTIONS[k.on_update] ?? k.on_update,
          PG_ACTIONS[k.on_delete] ?? k.on_delete,
        ),
      );
    } else if (k.type === 'c') add(k.table, `check ${k.name} ${k.definition.replace(/^CHECK /, '')}`);
    else add(k.table, `check ${k.name} ${k.definition}`);
  }

  // The indexes of their own: those behind a primary key, unique or exclusion constraint are above.
  const indexes = await rows<{ table: string; name: string; definition: string }>(`
    select c.relname as table, i.relname as name, pg_get_indexdef(i.oid) as definition
    from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class c on c.oid = x.indrelid
      join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = :store and not exists (
      select 1 from pg_constraint k
      where k.conrelid = x.indrelid and k.conindid = x.indexrelid and k.contype in ('p', 'u', 'x'))`);
  for (const index of indexes) {
    if (!tables[index.table]) continue;
    const def = /^CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?\S+ USING (\w+) (.*)$/s.exec(index.definition);
    add(
      index.table,
      def
        ? `index ${index.name}${def[1] ? ' unique' : ''} on ${def[3]}${def[2] === 'btree' ? '' : ` using ${def[2]}`}`
        : `index ${index.name} ${index.definition}`,
    );
  }

  const others = await rows<{ line: string }>(`
    select 'view ' || c.relname || ': ' || pg_get_viewdef(c.oid) as line
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = :store and c.relkind in ('v', 'm')
    union all
    select 'trigger ' || t.tgname || ': ' || pg_get_triggerdef(t.oid) as line
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = :store and not t.tgisinternal
    union all
    select 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as line
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = :store
    union all
    select 'type ' || t.typname || ' enum (' ||
        (select string_agg(quote_literal(e.enumlabel), ', ' order by e.enumsortorder)
          from pg_enum e where e.enumtypid = t.oid) || ')' as line
      from pg_type t join pg_namespace n on n.oid = t.typnamespace
      where n.nspname = :store and t.typtype = 'e'`);
  return { tables, others: others.map((o) => o.line) };
}
