import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * Everything Threatboard stores (private notes, secret ballots, the signing secret) is for this server's
 * user only: the data directory is 0700 and its files 0600, whatever the umask.
 */
export function ensurePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Create `file` (empty) if it does not exist, and make it readable and writable by this user only. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/** Make the files that exist among `files` 0600 (SQLite's -wal and -shm come and go). */
export function restrictExisting(files: string[]): void {
  for (const f of files) if (existsSync(f)) chmodSync(f, 0o600);
}

/** Whether group or others may read, write or run `file`. */
export function openToOthers(file: string): boolean {
  return (statSync(file).mode & 0o077) !== 0;
}
