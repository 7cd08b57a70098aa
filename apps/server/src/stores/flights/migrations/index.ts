import type { Migration } from '../../migrations.ts';

export const migrations: readonly Migration[] = [];
