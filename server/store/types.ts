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

/** Who made an invite link: a person on the board, or nobody known (links made with the board, older rows). */
export interface InviteAuthor {
  id: string;
  name: string;
}

/** An invite link as stored, without its key: only the SHA-256 of the key is kept, and never read back. */
export interface InviteRow {
  id: string;
  board: string;
  role: Role;
  label: string;
  createdAt: number;
  createdBy: InviteAuthor | null;
  revokedAt: number | null;
}

export interface NewInvite {
  board: string;
  role: Role;
  label: string;
  hash: string;
  createdAt: number;
  createdBy: InviteAuthor | null;
}

/**
 * Boards and their invite links (stored hashed). A board has any number of links per role; each can be
 * revoked on its own. Every implementation runs test/integration/meta-store.contract.ts.
 */
export interface MetaStore {
  /** The board and one link per role, labelled INITIAL_INVITE_LABEL. */
  createBoard(board: BoardRow, inviteHashes: Record<Role, string>): Promise<void>;
  getBoard(id: string): Promise<BoardRow | null>;
  setTitle(id: string, title: string): Promise<void>;
  /** Revoke every active link of a board and add one new link per role (labelled REPLACED_INVITE_LABEL). */
  replaceInvites(boardId: string, inviteHashes: Record<Role, string>, by?: InviteAuthor | null, at?: number): Promise<void>;
  /** Add one link; the others stay valid. */
  createInvite(invite: NewInvite): Promise<InviteRow>;
  /** The active (not revoked) links of a board, oldest first. */
  listInvites(boardId: string): Promise<InviteRow[]>;
  /** Revoke one link of this board; false when there is no such active link. */
  revokeInvite(boardId: string, inviteId: string, at: number): Promise<boolean>;
  /** The role an active invite hash grants on a board, or null. */
  roleForInvite(boardId: string, inviteHash: string): Promise<Role | null>;
  /** A facilitator removed this person: their tokens are refused from now on. */
  removeMember(boardId: string, userId: string, at: number): Promise<void>;
  /** Whether this person was removed from this board. */
  isRemoved(boardId: string, userId: string): Promise<boolean>;
  close(): Promise<void>;
}
