/** How each dialect's driver reports a violated constraint; repositories turn these into typed errors. */

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isCheckViolation(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK';
}

/** The constraint a PostgreSQL error names, or the SQLite message that names it. */
export function violatedConstraint(err: unknown): string {
  const e = err as { constraint?: string; message?: string };
  return e.constraint ?? e.message ?? '';
}

/**
 * Lowering a capacity would leave fewer units than are held or sold on `date` (the first such date).
 * Repositories check before they write, inside the transaction that locks the unit; when only the
 * database's CHECK (held + booked <= capacity) noticed, `date` is unknown.
 */
export class CapacityInUseError extends Error {
  readonly date: string | undefined;
  /** Units held or booked on `date`. */
  readonly inUse: number | undefined;
  readonly capacity: number | undefined;
  /** Which unit, when a change touches several (rooms out of order across room types). */
  readonly unitName: string | undefined;
  constructor(date?: string, inUse?: number, capacity?: number, unitName?: string) {
    super(date ? `${inUse} units in use on ${date}, capacity would be ${capacity}` : 'capacity in use');
    this.name = 'CapacityInUseError';
    this.date = date;
    this.inUse = inUse;
    this.capacity = capacity;
    this.unitName = unitName;
  }
}
