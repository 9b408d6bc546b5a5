import type { Role } from '../../shared/roles';
import type { VersionInfo } from '../../shared/versions';

/**
 * Persistence of Yjs documents as an append-only log of updates per document name, compacted into one
 * snapshot from time to time. Every implementation runs the same contract suite (test/integration/doc-store.contract.ts).
 */
export interface DocStore {
  /** All stored updates of a document, oldest first; empty for an unknown document. */
  load(name: string): Promise<Uint8Array[]>;
  /** Durably append one update. Resolves only once it is stored. */
  append(name: string, update: Uint8Array): Promise<void>;
  /**
   * Durably append several updates, possibly of several documents, in one transaction: all or none, each
   * document's updates kept in the given order. Lets a server write one batch per event-loop turn.
   */
  appendMany(entries: ReadonlyArray<DocAppend>): Promise<void>;
  /**
   * Replace the first `count` updates (those returned by an earlier `load`/count) by one snapshot.
   * Updates appended after that point are kept, so compaction never loses a concurrent append.
   * With `count` 0 the snapshot is appended.
   */
  compact(name: string, snapshot: Uint8Array, count: number): Promise<void>;
  /** Names of stored documents that start with `prefix` (e.g. every private document of a board). */
  list(prefix: string): Promise<string[]>;
  /**
   * Keep a snapshot of a board document as a version (history, restore). Versions are never compacted or
   * changed; the store gives each an id, unique per store and increasing with time.
   */
  saveVersion(version: NewVersion, snapshot: Uint8Array): Promise<VersionInfo>;
  /** The versions of a board, newest first, without their snapshots. */
  listVersions(board: string): Promise<VersionInfo[]>;
  /** One version of a board with its snapshot, or null (unknown id, or a version of another board). */
  getVersion(board: string, id: string): Promise<StoredVersion | null>;
  close(): Promise<void>;
}

export type NewVersion = Omit<VersionInfo, 'id'>;

export interface StoredVersion {
  info: VersionInfo;
  snapshot: Uint8Array;
}

export interface DocAppend {
  name: string;
  update: Uint8Array;
}

export interface BoardRow {
  id: string;
  title: string;
  createdAt: number;
}

/** Boards and their invite keys (stored hashed). */
export interface MetaStore {
  createBoard(board: BoardRow, inviteHashes: Record<Role, string>): Promise<void>;
  getBoard(id: string): Promise<BoardRow | null>;
  setTitle(id: string, title: string): Promise<void>;
  /** Replace the invite hashes of a board (revoking the old keys for new joins). */
  replaceInvites(boardId: string, inviteHashes: Record<Role, string>): Promise<void>;
  /** The role an invite hash grants on a board, or null. */
  roleForInvite(boardId: string, inviteHash: string): Promise<Role | null>;
  /** A facilitator removed this person: their tokens are refused from now on. */
  removeMember(boardId: string, userId: string, at: number): Promise<void>;
  /** Whether this person was removed from this board. */
  isRemoved(boardId: string, userId: string): Promise<boolean>;
  close(): Promise<void>;
}
