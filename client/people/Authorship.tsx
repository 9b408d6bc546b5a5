import { useEffect, useState } from 'react';
import { personName } from '../../shared/model/people';
import { useBoardPeople, useFacilitationSession } from '../editor/context';
import { isoTime, relativeTime } from './relative-time';
import './people.css';

/** The server's clock now, re-read every half minute so "3 min ago" stays true while a panel is open. */
function useServerNow(): number {
  const fac = useFacilitationSession();
  const [now, setNow] = useState(() => fac.now());
  useEffect(() => {
    const t = setInterval(() => setNow(fac.now()), 30_000);
    return () => clearInterval(t);
  }, [fac]);
  return now;
}

/** A server time as "3 min ago" in a `<time>` element with the exact time in its tooltip; nothing for junk. */
export function RelativeTime({ at, now }: { at: unknown; now: number }) {
  const iso = isoTime(at);
  const text = relativeTime(at, now);
  if (!iso || !text) return null;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {text}
    </time>
  );
}

export interface Stamped {
  createdBy?: unknown;
  createdAt?: unknown;
  updatedBy?: unknown;
  updatedAt?: unknown;
}

const asId = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * "Created by Ada · 3 min ago · Last changed by Bob · just now". The ids and times are the ones the
 * server's policy stamped (a client's own values are put back); names come from the people map, which
 * only the server writes. An unknown id reads "Someone"; a missing or junk time shows no time.
 */
export function Authorship({ record }: { record: Stamped }) {
  const people = useBoardPeople();
  const now = useServerNow();
  const createdBy = asId(record.createdBy);
  // Both are stamped at creation with the same time: "last changed" only once someone changed it since.
  const changed = !!asId(record.updatedBy) && isoTime(record.updatedAt) !== null && (record.updatedAt !== record.createdAt || record.updatedBy !== createdBy);
  if (!createdBy && !changed) return null;
  return (
    <p className="authorship">
      {/* No creator id: made with the board (a template, an import), by no one on it. */}
      {createdBy && (
        <span>
          Created by <span className="person-name">{personName(people, createdBy)}</span>
          {isoTime(record.createdAt) && (
            <>
              {' · '}
              <RelativeTime at={record.createdAt} now={now} />
            </>
          )}
        </span>
      )}
      {changed && (
        <span>
          {createdBy && ' · '}Last changed by <span className="person-name">{personName(people, asId(record.updatedBy))}</span>
          {' · '}
          <RelativeTime at={record.updatedAt} now={now} />
        </span>
      )}
    </p>
  );
}
