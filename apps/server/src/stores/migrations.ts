import type { Knex } from 'knex';

/** One migration: timestamp-named, one concern (ARCHITECTURE.md, conventions 5). */
export interface Migration {
  readonly name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Migrations are imported as modules rather than discovered on disk, so that the same list runs
 * under Node's type stripping, under vitest and from scripts, on SQLite and PostgreSQL alike.
 */
export class ListMigrationSource implements Knex.MigrationSource<Migration> {
  readonly #migrations: readonly Migration[];
  constructor(migrations: readonly Migration[]) {
    const names = migrations.map((m) => m.name);
    const sorted = [...names].sort();
    if (names.some((n, i) => n !== sorted[i]))
      throw new Error(`migrations out of order: ${names.join(', ')}`);
    if (new Set(names).size !== names.length) throw new Error('duplicate migration names');
    this.#migrations = migrations;
  }
  getMigrations(): Promise<Migration[]> {
    return Promise.resolve([...this.#migrations]);
  }
  getMigrationName(m: Migration): string {
    return m.name;
  }
  getMigration(m: Migration): Promise<Knex.Migration> {
    return Promise.resolve({ up: (k: Knex) => m.up(k), down: (k: Knex) => m.down(k) });
  }
}
