import type { Knex } from 'knex';
import { foreignKeyLine, KNEX_TABLES, type SchemaFacts } from './facts.ts';

/** SQLite: the store's file as its pragmas and sqlite_master report it. */
export async function describeSqlite(knex: Knex): Promise<SchemaFacts> {
  const objects = await knex.raw<SqliteObject[]>(
    "select type, name, sql from sqlite_master where name not like 'sqlite\\_%' escape '\\'",
  );
  const tables: Record<string, string[]> = {};
  const others: string[] = [];
  for (const object of objects) {
    if (object.type === 'view' || object.type === 'trigger') {
      others.push(`${object.type} ${object.name}: ${withoutBackticks(object.sql ?? '')}`);
    }
    if (object.type !== 'table' || KNEX_TABLES.has(object.name)) continue;
    const createSql = object.sql ?? '';
    const lines: string[] = [];
    const columns = await knex.raw<ColumnRow[]>('select * from pragma_table_xinfo(?)', [object.name]);
    for (const c of columns) {
      const generated = c.hidden === 2 || c.hidden === 3;
      lines.push(
        `column ${c.name} ${c.type || '(no type)'}${c.notnull ? ' not null' : ''}` +
          (c.dflt_value != null && !generated ? ` default ${c.dflt_value}` : '') +
          (generated ? ` generated${c.hidden === 3 ? ' stored' : ''}` : ''),
      );
    }
    const primaryKey = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    if (primaryKey.length) {
      const autoincrement = /\bautoincrement\b/i.test(createSql) ? ' autoincrement' : '';
      lines.push(`primary key (${primaryKey.map((c) => c.name).join(', ')})${autoincrement}`);
    }
    const indexes = await knex.raw<IndexRow[]>('select * from pragma_index_list(?)', [object.name]);
    for (const index of indexes) {
      if (index.origin === 'pk') continue;
      if (index.origin === 'u') {
        // An inline UNIQUE: SQLite names its index itself (sqlite_autoindex_…), so the columns say which.
        const parts = await knex.raw<{ name: string }[]>(
          'select name from pragma_index_info(?) order by seqno',
          [index.name],
        );
        lines.push(`unique (${parts.map((p) => p.name).join(', ')})`);
        continue;
      }
      const sql = objects.find((o) => o.type === 'index' && o.name === index.name)?.sql ?? '';
      const on = /\bon\s+([`"]?)[^`"\s(]+\1\s*(\(.*)$/is.exec(sql);
      lines.push(
        `index ${index.name}${index.unique ? ' unique' : ''} on ${withoutBackticks(on?.[2] ?? sql)}`,
      );
    }
    const keys = await knex.raw<ForeignKeyRow[]>('select * from pragma_foreign_key_list(?)', [object.name]);
    for (const id of [...new Set(keys.map((k) => k.id))]) {
      const parts = keys.filter((k) => k.id === id).sort((a, b) => a.seq - b.seq);
      const first = parts[0]!;
      const to = parts.every((p) => p.to != null) ? parts.map((p) => p.to).join(', ') : '';
      lines.push(
        foreignKeyLine(
          parts.map((p) => p.from).join(', '),
          first.table,
          to,
          first.on_update,
          first.on_delete,
        ),
      );
    }
    for (const check of sqliteChecks(createSql)) lines.push(check);
    tables[object.name] = lines;
  }
  return { tables, others };
}

interface SqliteObject {
  type: string;
  name: string;
  sql: string | null;
}
interface ColumnRow {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}
interface IndexRow {
  name: string;
  unique: number;
  origin: 'c' | 'u' | 'pk';
}
interface ForeignKeyRow {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
  on_update: string;
  on_delete: string;
}

/** SQLite keeps no catalog of CHECK constraints: they are read from the table's CREATE statement. */
function sqliteChecks(createSql: string): string[] {
  const checks: string[] = [];
  const keyword = /check\s*\(/iy;
  for (let i = 0; i < createSql.length;) {
    const quoteEnd = skipQuoted(createSql, i);
    if (quoteEnd > i) {
      i = quoteEnd;
      continue;
    }
    keyword.lastIndex = i;
    if (!/\w/.test(createSql[i - 1] ?? '') && keyword.test(createSql)) {
      const open = keyword.lastIndex - 1;
      const close = matchingParen(createSql, open);
      const name = /constraint\s+([`"]?)(\w+)\1\s*$/i.exec(createSql.slice(0, i))?.[2];
      checks.push(`check${name ? ` ${name}` : ''} ${createSql.slice(open, close + 1)}`);
      i = close + 1;
      continue;
    }
    i++;
  }
  return checks;
}

/** Past the string literal or quoted name that starts at `i`; `i` itself when none does. */
function skipQuoted(sql: string, i: number): number {
  const quote = sql[i];
  const end = quote === '[' ? ']' : quote;
  if (quote !== "'" && quote !== '"' && quote !== '`' && quote !== '[') return i;
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === end) {
      if (sql[j + 1] === end && end !== ']') j += 2;
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

function matchingParen(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length;) {
    const quoteEnd = skipQuoted(sql, i);
    if (quoteEnd > i) {
      i = quoteEnd;
      continue;
    }
    if (sql[i] === '(') depth++;
    if (sql[i] === ')' && --depth === 0) return i;
    i++;
  }
  throw new Error(`unbalanced parentheses in: ${sql}`);
}

function withoutBackticks(sql: string): string {
  return sql.replace(/`/g, '');
}
