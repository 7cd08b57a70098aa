import { describe, expect, it } from 'vitest';
import { fromUnavailableDatabase } from './problem.ts';

/** Which errors mean "the database cannot serve now" (503 with Retry-After) rather than a bug (500). */
describe('fromUnavailableDatabase', () => {
  const pgError = (code: string, severity = 'ERROR') =>
    Object.assign(new Error(`pg ${code}`), { code, severity, name: 'error' });

  it.each([
    [
      'knex pool timeout',
      Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }),
    ],
    ['too many clients', pgError('53300', 'FATAL')],
    ['database not accepting connections', pgError('55000', 'FATAL')],
    ['shutting down', pgError('57P01', 'FATAL')],
    ['starting up', pgError('57P03')],
    ['serialization failure', pgError('40001')],
    ['deadlock', pgError('40P01')],
    ['connection failure', pgError('08006')],
    ['refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['lost connection', new Error('Connection terminated unexpectedly')],
    [
      'lost connection, as knex words it',
      new Error(
        'select * from "sessions" where "token_hash" = $1 limit $2 - Connection terminated unexpectedly',
      ),
    ],
    [
      'a query on a connection that just died',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['a query on a closed connection', new Error('Client was closed and is not queryable')],
    [
      'SQLite locked by another process',
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
    ],
    ['wrapped', Object.assign(new Error('outer'), { cause: pgError('53300', 'FATAL') })],
  ])('%s is 503 with Retry-After', (_name, err) => {
    const problem = fromUnavailableDatabase(err);
    expect(problem).toMatchObject({ code: 'service_unavailable', status: 503 });
    expect(Number(problem?.headers['Retry-After'])).toBeGreaterThan(0);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a constraint violation', pgError('23505')],
    ['a syntax error', pgError('42601')],
    [
      'a CHECK constraint in SQLite',
      Object.assign(new Error('CHECK constraint failed'), { code: 'SQLITE_CONSTRAINT_CHECK' }),
    ],
    ['not an error', 'boom'],
    ['nothing', undefined],
  ])('%s is not', (_name, err) => {
    expect(fromUnavailableDatabase(err)).toBeUndefined();
  });
});
