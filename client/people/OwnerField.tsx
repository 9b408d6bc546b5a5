import { useId, useMemo } from 'react';
import { useBoardPeople } from '../editor/context';
import { useDraft } from '../lib/useDraft';
import { ownerKey } from './mine';

/**
 * Names to offer in an owner field: the board's people (by the name they joined with, from the
 * server-written people map) first, then other owners already named on the board (a team, someone who
 * never opened the board). Each name once, ignoring case and spacing.
 */
export function useOwnerSuggestions(owners: readonly string[] = []): string[] {
  const people = useBoardPeople();
  return useMemo(() => {
    const seen = new Set<string>();
    const out: string[] = [];
    const add = (name: string) => {
      const key = ownerKey(name);
      if (!key || seen.has(key)) return;
      seen.add(key);
      out.push(name.trim());
    };
    [...people.values()].map((p) => p.name).sort((a, b) => a.localeCompare(b)).forEach(add);
    owners.forEach(add);
    return out;
  }, [people, owners]);
}

/** A `<datalist>` of owner suggestions, for the `list` of owner inputs (a native combobox). */
export function OwnerSuggestions({ id, owners }: { id: string; owners?: readonly string[] }) {
  const names = useOwnerSuggestions(owners);
  return (
    <datalist id={id}>
      {names.map((n) => (
        <option key={n} value={n} />
      ))}
    </datalist>
  );
}

/**
 * The owner of a threat or mitigation: free text (≤ 100 characters), offering the board's people as a
 * combobox. The name is stored, not a user id, so exports stay readable; "assigned to me" compares it
 * with the display name (mine.ts). Pass `list` to share one datalist across many fields (a table);
 * without it the field brings its own.
 */
export function OwnerField({ value, readOnly, list, onCommit, owners }: { value: string; readOnly: boolean; list?: string; owners?: readonly string[]; onCommit(next: string): void }) {
  const id = useId();
  const ownListId = useId();
  const draft = useDraft(value, (next) => onCommit(next.trim()), () => true);
  return (
    <div className="prop-field">
      <label htmlFor={id}>Owner</label>
      <input id={id} type="text" maxLength={100} readOnly={readOnly} list={list ?? ownListId} autoComplete="off" placeholder="A person or team" {...draft} />
      {!list && <OwnerSuggestions id={ownListId} owners={owners} />}
    </div>
  );
}
