import { useEffect, useId, useRef } from 'react';
import type { Person } from '../../shared/model/people';
import { personName } from '../../shared/model/people';
import { fieldLabel, showValue } from '../../shared/versions';
import { useBoardPeople, useSession } from '../editor/context';
import type { SessionState } from '../editor/session-state';
import { showMitigation, showOnCanvas } from '../register/state';
import type { SinceController, SinceState } from './controller';
import type { SinceEntry, SinceSummary } from './summary';

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago", "yesterday", "3 days ago". */
export function ago(at: number, now = Date.now()): string {
  const s = Math.round((at - now) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 7],
    ['week', 4.35],
    ['month', 12],
  ];
  let v = s;
  for (const [unit, size] of steps) {
    if (Math.abs(v) < size) return unit === 'second' && Math.abs(v) < 45 ? 'just now' : RELATIVE.format(Math.round(v), unit);
    v /= size;
  }
  return RELATIVE.format(Math.round(v), 'year');
}

const CHANGE_WORD: Readonly<Record<SinceEntry['change'], string>> = { added: 'New', changed: 'Changed', removed: 'Removed' };

const GROUPS: { key: keyof SinceSummary; title: string }[] = [
  { key: 'mentions', title: 'Mentions of you' },
  { key: 'threats', title: 'Threats' },
  { key: 'mitigations', title: 'Mitigations' },
  { key: 'other', title: 'Diagram and notes' },
  { key: 'comments', title: 'New comments' },
];

/** Where an entry leads: the shape on the canvas, the mitigation in the register, a comment's subject. */
function go(session: SessionState, e: SinceEntry): void {
  if (e.map === 'shapes') return showOnCanvas(session, e.id);
  if (e.map === 'mitigations') return showMitigation(session, e.id);
  if (e.target?.map === 'shapes') return showOnCanvas(session, e.target.id);
  if (e.target?.map === 'mitigations') return showMitigation(session, e.target.id);
}

/**
 * "Since you were last here": a non-modal panel over the board, grouped by what changed, each entry
 * naming who did it and leading to the item. Closing keeps the top-bar button; "Mark all as seen" ends it.
 */
export function SincePanel({ controller, state }: { controller: SinceController; state: SinceState }) {
  const session = useSession();
  const people = useBoardPeople();
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  const { summary, since, seen } = state;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && ref.current?.contains(document.activeElement)) controller.setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
  if (!summary || since === null) return null;
  return (
    <section ref={ref} className="since-panel" role="dialog" aria-modal="false" aria-labelledby={headingId}>
      <div className="since-head">
        <h2 id={headingId}>
          Since you were last here <span className="since-when">— {ago(since)}</span>
        </h2>
        <button type="button" className="icon-button" aria-label="Close" title="Close (the What changed button opens it again)" onClick={() => controller.setOpen(false)}>
          ×
        </button>
      </div>
      {state.note && <p className="since-note">{state.note}</p>}
      {GROUPS.map(({ key, title }) =>
        summary[key].length ? (
          <div key={key} className="since-group">
            <h3>
              {title} <span className="since-count">{summary[key].length}</span>
            </h3>
            <ul aria-label={title}>
              {summary[key].map((e) => (
                <Entry key={e.key} entry={e} people={people} seen={seen.has(e.key)} onOpen={() => (go(session, e), controller.markSeen(e.key))} />
              ))}
            </ul>
          </div>
        ) : null,
      )}
      <div className="since-actions">
        <button type="button" className="primary" onClick={() => controller.markAllSeen()}>
          Mark all as seen
        </button>
      </div>
    </section>
  );
}

function Entry({ entry: e, people, seen, onOpen }: { entry: SinceEntry; people: ReadonlyMap<string, Person>; seen: boolean; onOpen(): void }) {
  const who = e.by ? personName(people, e.by) : '';
  const what = e.map === 'comments' ? `“${e.label}”${e.target?.label ? ` on ${e.target.label}` : ''}` : e.label;
  const byline = [who && `${e.map === 'comments' ? '' : `${e.change} by `}${who}`, e.at ? ago(e.at) : ''].filter(Boolean).join(' · ');
  const linkable = e.change !== 'removed' && (e.map !== 'comments' || e.target?.map);
  const body = (
    <>
      {e.map !== 'comments' && <span className={`since-tag ${e.change}`}>{CHANGE_WORD[e.change]}</span>}
      <span className="since-label">{what}</span>
      {byline && <span className="since-by">{byline}</span>}
    </>
  );
  return (
    <li className={seen ? 'seen' : undefined}>
      {linkable ? (
        <button type="button" className="since-item" onClick={onOpen}>
          {body}
          {seen && <span className="visually-hidden"> (seen)</span>}
        </button>
      ) : (
        <div className="since-item">{body}</div>
      )}
      {e.fields.length > 0 && (
        <ul className="since-fields" aria-label={`Changes to ${e.label}`}>
          {e.fields.slice(0, 6).map((f) => (
            <li key={f.field}>
              <span className="since-field">{fieldLabel(f.field)}:</span> <del>{showValue(f.before)}</del> → <ins>{showValue(f.after)}</ins>
            </li>
          ))}
          {e.fields.length > 6 && <li>and {e.fields.length - 6} more fields</li>}
        </ul>
      )}
    </li>
  );
}
