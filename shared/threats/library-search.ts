import { passesFilter, STRIDE_NAMES, THREAT_LIBRARY, type LibraryEntry, type LibraryFilter } from './library';

/**
 * Search of the threat library. A query word matches at the start of a word ("rollb" finds "rollback"),
 * never inside one: "BLE" must not find "vulnerable". Words of three letters or fewer ("BLE", "USB", "PIN")
 * match whole words only, because as prefixes they hit too much. Every query word must match (AND).
 * Entries are ranked by where the words matched (a tag or the title counts most), and each result says
 * where it matched so people can see why it is there.
 */
export type MatchField = 'tag' | 'title' | 'reference' | 'category' | 'description' | 'mitigation';

const WEIGHT: Readonly<Record<MatchField, number>> = { tag: 100, title: 60, reference: 50, category: 30, description: 10, mitigation: 5 };

export const MATCH_FIELD_LABELS: Readonly<Record<MatchField, string>> = {
  tag: 'tag',
  title: 'title',
  reference: 'reference',
  category: 'STRIDE category',
  description: 'description',
  mitigation: 'example mitigation',
};

/** Lower-cased text of each field, built once per entry. */
const FIELDS: ReadonlyMap<string, readonly (readonly [MatchField, string])[]> = new Map(
  THREAT_LIBRARY.map((x) => [
    x.id,
    [
      ...x.tags.map((t) => ['tag', t] as const),
      ['title', x.title] as const,
      ...[...(x.capec ?? []).map((n) => `CAPEC-${n}`), ...(x.emb3d ?? [])].map((r) => ['reference', r] as const),
      ['category', STRIDE_NAMES[x.stride]] as const,
      ['description', x.description] as const,
      ...x.mitigations.map((m) => ['mitigation', m] as const),
    ].map(([f, text]) => [f, text.toLowerCase()] as const),
  ]),
);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function wordPattern(word: string): RegExp {
  const end = word.length <= 3 ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(word)}${end}`, 'u');
}

export interface LibraryHit {
  entry: LibraryEntry;
  /** Where the query matched, most telling first; empty for an empty query. */
  matchedIn: MatchField[];
  score: number;
}

export function searchLibraryHits(query: string, filter: LibraryFilter = {}): LibraryHit[] {
  const patterns = query.toLowerCase().split(/\s+/).filter(Boolean).map(wordPattern);
  const hits: LibraryHit[] = [];
  for (const entry of THREAT_LIBRARY) {
    if (!passesFilter(entry, filter)) continue;
    if (patterns.length === 0) {
      hits.push({ entry, matchedIn: [], score: 0 });
      continue;
    }
    const fields = FIELDS.get(entry.id) ?? [];
    const matched = new Set<MatchField>();
    let score = 0;
    let all = true;
    for (const p of patterns) {
      const where = fields.filter(([, text]) => p.test(text)).map(([f]) => f);
      if (where.length === 0) {
        all = false;
        break;
      }
      for (const f of where) matched.add(f);
      score += Math.max(...where.map((f) => WEIGHT[f]));
    }
    if (!all) continue;
    const matchedIn = [...matched].sort((a, b) => WEIGHT[b] - WEIGHT[a]);
    hits.push({ entry, matchedIn, score });
  }
  // Stable: equal scores keep library order.
  return hits.sort((a, b) => b.score - a.score);
}

/** The entries only, best first. An empty query returns every entry that passes the filter. */
export function searchLibrary(query: string, filter: LibraryFilter = {}): LibraryEntry[] {
  return searchLibraryHits(query, filter).map((h) => h.entry);
}
