import { VersionReason, VersionSummary, type VersionInfo } from '../../shared/versions';

/** A version row as both stores return it (column names as in SQL). */
export interface VersionRow {
  id: string | number;
  board: string;
  name: string;
  reason: string;
  created_at: string | number;
  created_by: string;
  created_by_name: string;
  summary: string;
}

/**
 * A stored row as a VersionInfo. Read leniently: a row written by an older server (an unknown reason, a
 * summary that no longer parses) still lists, with the reason 'named' and an empty summary.
 */
export function versionFromRow(r: VersionRow): VersionInfo {
  let summary: VersionSummary = { authors: [] };
  try {
    const parsed = VersionSummary.safeParse(JSON.parse(r.summary));
    if (parsed.success) summary = parsed.data;
  } catch {
    /* keep the empty summary */
  }
  return {
    id: String(r.id),
    board: r.board,
    name: r.name,
    reason: VersionReason.catch('named').parse(r.reason),
    createdAt: Number(r.created_at),
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    summary,
  };
}

/** A version id as the stores number them; anything else names no version. */
export function versionRowId(id: string): number | null {
  return /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : null;
}
