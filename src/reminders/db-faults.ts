/**
 * What can go wrong with the reminders database file, in words for whoever runs the bot. SQLite
 * reports faults as error codes (better-sqlite3 puts them on `err.code`); they fall into a few kinds
 * that need different actions: wait (locked), fix permissions (read-only), restore (corrupt).
 */

export type DbFault = 'locked' | 'readonly' | 'corrupt' | 'cannot-open' | 'full' | 'io' | 'newer-schema';

/** The fault kind of an error thrown by the store, or null when it is not a database fault. */
export function dbFaultOf(err: unknown): DbFault | null {
  if (err instanceof NewerSchemaError) return 'newer-schema';
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

/** A short phrase for logs and replies while the bot keeps running. */
export function faultPhrase(fault: DbFault): string {
  return ACTION[fault];
}

/** A start-up that cannot open the reminders database; the message is the one line to print. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}
