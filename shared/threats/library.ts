import { z } from 'zod';
import { STRIDE, type Stride } from '../model/schema';
import { ELEMENT_KINDS, LIBRARY_TAGS, type ElementKind, type LibraryTag } from './library-meta';
import { LIBRARY_DATA } from './library-data';

/**
 * The built-in threat library: its entries (library-data.ts), checked against the schema below when this
 * module loads, looked up by id and filtered. Search is in library-search.ts; the parts the board needs
 * before anyone opens the library (tags, element kinds, STRIDE per element) are in library-meta.ts.
 */
export { ELEMENT_KINDS, LIBRARY_TAGS, STRIDE_NAMES, STRIDE_PER_ELEMENT, type ElementKind, type LibraryTag } from './library-meta';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

const LibraryEntrySchema = z.strictObject({
  /** Stable id, stored in ThreatShape.libraryId (at most 64 characters there); never renamed once shipped. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(64),
  title: text(6, 300),
  stride: z.enum(STRIDE),
  appliesTo: z.array(z.enum(ELEMENT_KINDS as [ElementKind, ...ElementKind[]])).min(1),
  tags: z.array(z.enum(LIBRARY_TAGS)),
  description: text(41, 4000),
  mitigations: z.array(text(11, 1000)).min(2).max(4),
  capec: z.array(z.number().int().positive()).min(1).optional(),
  emb3d: z.array(z.string().regex(/^TID-\d+$/)).min(1).optional(),
});
export type LibraryEntry = z.infer<typeof LibraryEntrySchema>;
/** An entry as written in library-data.ts, before the schema checks it. */
export type LibraryEntryInput = z.input<typeof LibraryEntrySchema>;

/** Every entry valid, every id once: a bad entry fails here, at load and in the tests, never later. */
export const LibraryDataSchema = z.array(LibraryEntrySchema).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  entries.forEach((x, i) => {
    if (seen.has(x.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate library id "${x.id}"` });
    seen.add(x.id);
  });
});

export const THREAT_LIBRARY: readonly LibraryEntry[] = Object.freeze(LibraryDataSchema.parse(LIBRARY_DATA));

const BY_ID: ReadonlyMap<string, LibraryEntry> = new Map(THREAT_LIBRARY.map((x) => [x.id, x]));

export function libraryEntry(id: string): LibraryEntry | undefined {
  return BY_ID.get(id);
}

export interface LibraryFilter {
  stride?: Stride;
  kind?: ElementKind;
  tag?: LibraryTag;
}

/** Does the entry pass the panel's filters? */
export function passesFilter(x: LibraryEntry, filter: LibraryFilter): boolean {
  if (filter.stride && x.stride !== filter.stride) return false;
  if (filter.kind && !x.appliesTo.includes(filter.kind)) return false;
  if (filter.tag && !x.tags.includes(filter.tag)) return false;
  return true;
}
