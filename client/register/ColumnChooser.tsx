import { useId, useSyncExternalStore } from 'react';
import { z } from 'zod';
import { createStore, type Store } from '../lib/store';
import { readLocal, writeLocal } from '../session';
import { usePopover } from '../ui/usePopover';

/**
 * Which optional columns of the threat register are shown. ID and title are always there (and stay put
 * while the rest scrolls); the default set fits a 1,366 px laptop with the side panel open, and each person
 * adds the others (risk inputs, CVSS, residual risk…) when they need them. Remembered in this browser.
 */
export interface ColumnInfo {
  key: string;
  label: string;
}

const KEY = 'threatboard:register-columns';
export const DEFAULT_COLUMNS: readonly string[] = ['stride', 'elements', 'risk', 'strategy', 'owner', 'mitigations'];
const Shown = z.array(z.string().max(40)).max(40);

let store: Store<ReadonlySet<string>> | null = null;
function shownStore(): Store<ReadonlySet<string>> {
  store ??= createStore<ReadonlySet<string>>(new Set(readLocal(KEY, Shown) ?? DEFAULT_COLUMNS));
  return store;
}

export function useShownColumns(): [ReadonlySet<string>, (next: ReadonlySet<string>) => void] {
  const s = shownStore();
  const shown = useSyncExternalStore(s.subscribe, s.get, s.get);
  return [
    shown,
    (next) => {
      s.set(next);
      writeLocal(KEY, [...next]);
    },
  ];
}

/** Class names that hide the columns not shown (every cell of a column carries `col-<key>`). */
export function hiddenColumnClasses(all: readonly ColumnInfo[], shown: ReadonlySet<string>, fixed: ReadonlySet<string>): string {
  return all
    .filter((c) => !fixed.has(c.key) && !shown.has(c.key))
    .map((c) => `hide-${c.key}`)
    .join(' ');
}

export function ColumnChooser({ columns, shown, onChange }: { columns: readonly ColumnInfo[]; shown: ReadonlySet<string>; onChange(next: ReadonlySet<string>): void }) {
  const { open, setOpen, ref } = usePopover<HTMLDivElement>();
  const panelId = useId();
  const toggle = (key: string, on: boolean) => {
    const next = new Set(shown);
    if (on) next.add(key);
    else next.delete(key);
    onChange(next);
  };
  return (
    <div className="column-chooser" ref={ref}>
      <button type="button" className="secondary small" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Columns ({columns.filter((c) => shown.has(c.key)).length + 2} of {columns.length + 2})
      </button>
      {open && (
        <div id={panelId} className="popover column-chooser-panel" role="group" aria-label="Columns shown">
          {columns.map((c) => (
            <label key={c.key} className="prop-check">
              <input type="checkbox" checked={shown.has(c.key)} onChange={(e) => toggle(c.key, e.target.checked)} />
              {c.label}
            </label>
          ))}
          <div className="column-chooser-actions">
            <button type="button" className="link-button small" onClick={() => onChange(new Set(columns.map((c) => c.key)))}>
              Show all columns
            </button>
            <button type="button" className="link-button small" onClick={() => onChange(new Set(DEFAULT_COLUMNS))}>
              Default columns
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
