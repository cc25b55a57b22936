import type pg from 'pg';
import { PgFaultError, pgFaultOf } from './db-faults.js';

/** Queries and transactions on the PostgreSQL pool, with pg's faults classified for the scheduler. */

export type Queryable = Pick<pg.PoolClient, 'query'>;

/** Runs `fn`, turning pg's connection and server faults into `PgFaultError`s `dbFaultOf` knows. */
export async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const fault = pgFaultOf(err);
    if (!fault) throw err;
    throw new PgFaultError(fault, err instanceof Error ? err.message : String(err), { cause: err });
  }
}

/** One transaction on one pooled connection; rolled back when `fn` throws. */
export function inTransaction(pool: pg.Pool) {
  return <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> =>
    guard(async () => {
      const c = await pool.connect();
      let broken = false;
      try {
        await c.query('BEGIN');
        const out = await fn(c);
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw err;
      } finally {
        c.release(broken);
      }
    });
}

