import type { CleanSnapshots, KnownSnapshot } from './clean-snapshots';

/** Longest a loading room whose snapshot is known waits for its new sockets' first frames. */
const FIRST_FRAME_WAIT_MS = 200;
/** Longest it waits for the answers to be written to their sockets (a slow reader must not hold it). */
const ANSWER_WAIT_MS = 500;

interface Loading {
  /** Resolves after the store read: the stored snapshot when it is a known one. */
  known: Promise<KnownSnapshot | null>;
  /** Fresh clients' answers being written. */
  answers: Promise<void>[];
}

/**
 * Answers for clients that have nothing yet (sync step 1 with an empty state vector) while their room is
 * still loading (issue 13, cold open). When the store read returns exactly one row and this process knows
 * that row loads unchanged (CleanSnapshots), such a client gets the row as its sync step 2 at once, and
 * the room applies it only once those answers are written. Rows this process has not verified get no
 * early answer: the room applies and scrubs them first, as for everyone.
 */
export class EarlyAnswers {
  /** Rooms being loaded, by document name. */
  private readonly loading = new Map<string, Loading>();
  /** Sockets per document that opened and have not sent their first frame yet, and who waits for them. */
  private readonly silent = new Map<string, { count: number; spoke: Set<() => void> }>();

  constructor(private readonly snapshots: CleanSnapshots) {}

  /**
   * Load document `name` with `run`, which calls the hook it is given between reading the store and
   * applying what it returned; the hook resolves to whether those rows are a known clean snapshot.
   */
  async load<T>(name: string, run: (beforeApply: (updates: Uint8Array[]) => Promise<boolean>) => Promise<T>): Promise<T> {
    let stored!: (known: KnownSnapshot | null) => void;
    const loading: Loading = { known: new Promise((resolve) => (stored = resolve)), answers: [] };
    this.loading.set(name, loading);
    try {
      return await run(async (updates) => {
        const known = this.snapshots.match(name, updates);
        stored(known);
        if (!known) return false;
        // Hear the first frames of the sockets that opened for this load (a few ms), and let the answers to
        // fresh ones reach their sockets before applying holds the event loop (a large board: 0.2 s).
        await this.firstFrames(name);
        await new Promise((resolve) => setImmediate(resolve));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.all(loading.answers), new Promise((resolve) => (timer = setTimeout(resolve, ANSWER_WAIT_MS)))]);
        clearTimeout(timer);
        return true;
      });
    } finally {
      stored(null);
      this.loading.delete(name);
    }
  }

  /**
   * For a client whose first frame is sync step 1 with an empty state vector: while its document loads
   * from a known snapshot, `answer` gets that snapshot to send as sync step 2 at once, and returns a promise
   * that resolves once the frame is written (or null when it no longer applies). `answer` is not called
   * when the document is not loading or its snapshot is not a known one. The connection then joins with
   * the snapshot's state vector (`Room.join`).
   */
  fresh(name: string, answer: (known: KnownSnapshot) => Promise<void> | null): void {
    const loading = this.loading.get(name);
    void loading?.known.then((known) => {
      const written = known && answer(known);
      if (written) loading.answers.push(written);
    });
  }

  /**
   * A socket of document `name` opened; call the returned function with its first frame, or when it
   * closes. A load that may answer fresh clients early waits for these first frames (at most 200 ms).
   */
  opened(name: string): () => void {
    const entry = this.silent.get(name) ?? { count: 0, spoke: new Set<() => void>() };
    this.silent.set(name, entry);
    entry.count++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--entry.count > 0) return;
      this.silent.delete(name);
      for (const wake of entry.spoke) wake();
    };
  }

  private firstFrames(name: string): Promise<void> {
    const entry = this.silent.get(name);
    if (!entry) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(wake, FIRST_FRAME_WAIT_MS);
      function wake() {
        clearTimeout(timer);
        entry!.spoke.delete(wake);
        resolve();
      }
      entry.spoke.add(wake);
    });
  }
}
