import { libraryEntry } from '../../../shared/threats/library';
import { ReadOnlyRow } from './fields';

/** The library entry a threat was made from (loaded with the library's chunk). */
export function LibraryOrigin({ libraryId }: { libraryId: string }) {
  const entry = libraryEntry(libraryId);
  return entry ? <ReadOnlyRow label="From the library">{entry.title}</ReadOnlyRow> : null;
}
