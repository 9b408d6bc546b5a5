import { useState } from 'react';
import { z } from 'zod';

/**
 * What an import could not carry over exactly, shown on the new board until someone dismisses it. The
 * home page hands the warnings over in sessionStorage (they are for this person, in this tab), so they
 * survive the navigation to the board and a reload, and go away with the tab.
 */
const KEY = (boardId: string) => `threatboard:import-warnings:${boardId}`;
const Warnings = z.array(z.string().max(2000)).max(100);

export function saveImportWarnings(boardId: string, warnings: readonly string[]): void {
  if (warnings.length === 0) return;
  try {
    sessionStorage.setItem(KEY(boardId), JSON.stringify(warnings.slice(0, 100)));
  } catch {
    /* storage full or off: the board opens without the list */
  }
}

function loadImportWarnings(boardId: string): string[] {
  try {
    const r = Warnings.safeParse(JSON.parse(sessionStorage.getItem(KEY(boardId)) ?? '[]'));
    return r.success ? r.data : [];
  } catch {
    return [];
  }
}

export function ImportWarnings({ boardId }: { boardId: string }) {
  const [warnings, setWarnings] = useState(() => loadImportWarnings(boardId));
  if (warnings.length === 0) return null;
  const dismiss = () => {
    try {
      sessionStorage.removeItem(KEY(boardId));
    } catch {
      /* nothing stored */
    }
    setWarnings([]);
  };
  return (
    <section className="import-warnings notice" aria-labelledby="import-warnings-title">
      <h2 id="import-warnings-title">
        {warnings.length === 1 ? 'The import needs one check' : `The import needs ${warnings.length} checks`}
      </h2>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={dismiss}>
        Dismiss import notes
      </button>
    </section>
  );
}
