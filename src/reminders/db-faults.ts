/**
 * What can go wrong with the reminders database file, in words for whoever runs the bot. SQLite
 * reports faults as error codes (better-sqlite3 puts them on `err.code`); they fall into a few kinds
 * that need different actions: wait (locked), fix permissions (read-only), restore (corrupt).
 */

export type DbFault = 'locked' | 'readonly' | 'corrupt' | 'cannot-open' | 'full' | 'io' | 'newer-schema';

/** The fault kind of an error thrown by the store, or null when it is not a database fault. */
export function dbFaultOf(err: unknown): DbFault | null {
  if (err instanceof NewerSchemaError) return 'newer-schema';
  if (err instanceof PgFaultError) return err.fault;
  const code = typeof (err as { code?: unknown })?.code === 'string' ? String((err as { code: string }).code) : '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') return 'readonly';
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) return 'corrupt';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOTDIR' || code === 'EEXIST') return 'cannot-open';
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC') return 'full';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
  return null;
}

/** A file written by a newer version of the bot: running old code on it could lose what it added. */
export class NewerSchemaError extends Error {
  override name = 'NewerSchemaError';
}

const ACTION: Record<DbFault, string> = {
  locked: 'another process holds a lock on it; stop that process (or wait for it) and start again',
  readonly: "it cannot be written; give the bot's user write access to the folder and the file (and its -wal and -shm files)",
  corrupt: 'it is not a readable SQLite database; restore a backup, or move it aside to start with no reminders',
  'cannot-open': 'it cannot be opened; check that DATA_DIR is a folder the bot can create files in',
  full: 'the disk is full; free some space',
  io: 'the disk reported an input/output error; check the disk',
  'newer-schema': 'a newer version of the bot wrote it; run that version, or restore a backup made before the upgrade',
};

/** One line naming DATA_DIR and the file, for a start-up that cannot open the database. */
export function openFailureMessage(err: unknown, file: string, dataDir: string): string {
  const fault = dbFaultOf(err);
  const detail = err instanceof Error ? err.message.replace(/\s+/g, ' ').trim() : String(err);
  const what = fault ? ACTION[fault] : 'it could not be opened';
  return `The reminders database ${file} (DATA_DIR="${dataDir}") cannot be used: ${what} (${detail}).`;
}

/** A short phrase for logs and replies while the bot keeps running; `err` tells the back end. */
export function faultPhrase(fault: DbFault, err?: unknown): string {
  return err instanceof PgFaultError ? PG_ACTION[fault] : ACTION[fault];
}

/**
 * PostgreSQL reports faults as SQLSTATE codes on `err.code` (and network errors as errno codes).
 * Only these kinds become a `PgFaultError`; a bug such as a syntax error stays itself.
 */
export function pgFaultOf(err: unknown): DbFault | null {
  const code = typeof (err as { code?: unknown })?.code === 'string' ? String((err as { code: string }).code) : '';
  const message = err instanceof Error ? err.message : '';
  if (['55P03', '40P01', '40001', '53300', '57014'].includes(code)) return 'locked';
  if (code === '42501' || code === '25006') return 'readonly';
  if (code === 'XX001' || code === 'XX002') return 'corrupt';
  if (code === '53100') return 'full';
  if (code.startsWith('58')) return 'io';
  if (code.startsWith('08') || code.startsWith('28') || code === '3D000' || code.startsWith('57P')) return 'cannot-open';
  if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'].includes(code)) return 'cannot-open';
  // pg's own words when a connection is dropped or cannot be had in time.
  if (/^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)) return 'cannot-open';
  return null;
}

/** A PostgreSQL fault, classified where it happened (pg-store.ts), with pg's error as its cause. */
export class PgFaultError extends Error {
  override name = 'PgFaultError';
  constructor(
    readonly fault: DbFault,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const PG_ACTION: Record<DbFault, string> = {
  locked: 'another connection holds a lock it needs, or the server has no connection to spare; it is retried',
  readonly: "the database user may not write these tables; grant it the privileges (or point DATABASE_URL at the primary, not a replica)",
  corrupt: 'the server reported corrupted data; check the PostgreSQL server and restore a backup',
  'cannot-open': 'the server cannot be reached or refused the login; check DATABASE_URL, the server and its pg_hba.conf',
  full: "the PostgreSQL server's disk is full; free some space",
  io: 'the PostgreSQL server reported an input/output error; check its disk',
  'newer-schema': 'a newer version of the bot migrated it; run that version, or restore a backup made before the upgrade',
};

/** The URL without its password, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL (not a valid URL)';
  }
}

/** One line naming DATABASE_URL (without its password), for a start-up that cannot use PostgreSQL. */
export function pgOpenFailureMessage(err: unknown, url: string): string {
  const fault = dbFaultOf(err) ?? pgFaultOf(err);
  const detail = err instanceof Error ? err.message.replace(/\s+/g, ' ').trim() : String(err);
  const what = fault ? PG_ACTION[fault] : 'it could not be used';
  return `The reminders database DATABASE_URL=${redactUrl(url)} cannot be used: ${what} (${detail}).`;
}

/** A start-up that cannot open the reminders database; the message is the one line to print. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}
