import { useId, useMemo, useState } from 'react';
import type { Vote } from '../../../shared/facilitation/schema';
import { STRIDE, type Stride, type ThreatShape } from '../../../shared/model/schema';
import { threatLabel } from '../../../shared/threats/numbering';
import type { Identity } from '../../sync/connect';
import type { Viewport } from '../../editor/viewport';
import { useActions, useBoardShapes, useCanEdit, useCurrentView, useFacilitationSession, useFollowController, useMe, usePresence, useSession } from '../../editor/context';
import { useBallot, useFacilitation, useFollow, useHiddenNotes } from '../../facilitation/hooks';
import { dotsLeftText, isCandidate, ranking } from '../../facilitation/voting';
import { useStore } from '../../lib/useStore';
import { useParticipants } from '../../model/presence-hooks';
import { STRIDE_NAMES } from '../../../shared/threats/stride';
import { SessionIcon } from './SessionIcon';

/**
 * The session's banners over the canvas (follow, brainstorm, vote) and the results of a vote: loaded by
 * SessionOverlays once any of them has something to show.
 */
export function SessionBanners() {
  return (
    <>
      <div className="session-banners">
        <FollowBanner />
        <BrainstormBanner />
        <VoteBanner />
      </div>
      <VoteResults />
    </>
  );
}

function useName(): (userId: string) => string {
  const people = useParticipants(usePresence());
  return (id) => people.find((p) => p.id === id)?.name ?? 'the facilitator';
}

function FollowBanner() {
  const follow = useFollowController();
  const { following, strayed } = useFollow({ follow });
  const state = useFacilitation({ fac: useFacilitationSession() });
  const name = useName();
  const leader = state.focus?.by ?? '';
  if (following) {
    const who = following.kind === 'user' ? name(following.userId) : name(leader);
    return (
      <div className="session-banner follow" role="status">
        <SessionIcon name="eye" /> Following {who}
        {following.kind === 'focus' ? ' (Follow me)' : ''}
        <button type="button" className="banner-button" onClick={() => follow.stop()}>
          Stop following
        </button>
      </div>
    );
  }
  if (strayed) {
    return (
      <div className="session-banner follow" role="status">
        You moved away from {name(leader)}'s view.
        <button type="button" className="banner-button" onClick={() => follow.followAgain()}>
          Follow again
        </button>
      </div>
    );
  }
  return null;
}

const STRIDE_CHOICES = STRIDE.map((s) => ({ value: s, label: `${s} · ${STRIDE_NAMES[s]}` }));

/**
 * Silent brainstorm on this view: what the user adds stays in their private document. A quick form
 * adds a threat without hunting for a tool (notes from the Note tool are hidden too).
 */
function BrainstormBanner() {
  const fac = useFacilitationSession();
  const actions = useActions();
  const session = useSession();
  const me = useMe();
  const canEdit = useCanEdit();
  const state = useFacilitation({ fac });
  const view = useCurrentView();
  const notes = useHiddenNotes({ fac });
  const [stride, setStride] = useState<Stride>('T');
  const [title, setTitle] = useState('');
  const ids = { stride: useId(), title: useId() };
  if (!canEdit || state.brainstorm?.view !== view || !fac.privateDoc) return null;
  const mine = notes.filter((n) => n.view === view).length;
  return (
    <div className="session-banner brainstorm" role="region" aria-label="Silent brainstorm">
      <p>
        <SessionIcon name="eye-slash" /> <strong>Silent brainstorm.</strong> What you add here stays hidden until the facilitator reveals it.{' '}
        <span className="banner-count">{mine === 1 ? '1 hidden note' : `${mine} hidden notes`}</span>
      </p>
      <form
        className="brainstorm-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!title.trim()) return;
          actions.createThreat({ stride, title: title.trim(), at: brainstormSpot(me, session.viewport) });
          setTitle('');
        }}
      >
        <label htmlFor={ids.stride} className="visually-hidden">
          STRIDE category
        </label>
        <select id={ids.stride} value={stride} onChange={(e) => setStride(e.target.value as Stride)}>
          {STRIDE_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <label htmlFor={ids.title} className="visually-hidden">
          New threat
        </label>
        <input id={ids.title} value={title} maxLength={300} placeholder="What can go wrong?" onChange={(e) => setTitle(e.target.value)} />
        <button type="submit" className="primary small" disabled={!title.trim()}>
          Add hidden threat
        </button>
      </form>
    </div>
  );
}

/**
 * Where a quick-added threat goes: near the middle of the window, shifted by an offset of its own for
 * each person, so notes written at once by people looking at the same place do not land exactly on top
 * of each other when they are revealed.
 */
function brainstormSpot(me: Identity, viewport: Viewport): { x: number; y: number } {
  let h = 0;
  for (const ch of me.userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const c = viewport.centreWorld();
  return { x: c.x + ((h % 7) - 3) * 45, y: c.y + ((Math.floor(h / 7) % 5) - 2) * 40 };
}

function VoteBanner() {
  const fac = useFacilitationSession();
  const state = useFacilitation({ fac });
  const placing = useStore(fac.placingDots);
  const notice = useStore(fac.notice);
  const vote = state.votes.find((v) => v.status === 'open');
  const ballot = useBallot({ fac }, vote?.id);
  const [listOpen, setListOpen] = useState(false);
  if (!vote || !fac.canVote()) return null;
  if (!placing) {
    if (fac.isFacilitator) return null;
    return (
      <div className="session-banner vote" role="region" aria-label="Dot vote">
        <p>A dot vote is open.</p>
        <button type="button" className="banner-button" onClick={() => fac.placingDots.set(true)}>
          Place dots
        </button>
      </div>
    );
  }
  return (
    <div className="session-banner vote" role="region" aria-label="Dot vote">
      <p>
        <span className="vote-dot" aria-hidden="true" /> <strong>Voting:</strong> click threats to place your dots
        {vote.scope.kind === 'view' ? ' (threats of one view)' : ''}; click again or right-click to take one back.{' '}
        <strong className="dots-left">{dotsLeftText(vote, ballot)}</strong>
      </p>
      <div className="banner-actions">
        <button type="button" className="banner-button" aria-expanded={listOpen} onClick={() => setListOpen(!listOpen)}>
          {listOpen ? 'Hide the list' : 'Vote from a list'}
        </button>
        <button type="button" className="banner-button" onClick={() => fac.placingDots.set(false)}>
          Stop placing dots
        </button>
      </div>
      <p className="vote-notice" role="status">
        {notice ?? ''}
      </p>
      {listOpen && <CandidateList vote={vote} ballot={ballot} />}
    </div>
  );
}

/** The keyboard way to vote: every candidate threat with buttons to add or take back a dot. */
function CandidateList({ vote, ballot }: { vote: Vote; ballot: Readonly<Record<string, number>> }) {
  const fac = useFacilitationSession();
  const { list } = useBoardShapes();
  const candidates = useMemo(
    () => list.filter((s): s is ThreatShape => isCandidate(vote, s)).sort((a, b) => a.num - b.num || a.id.localeCompare(b.id)),
    [list, vote],
  );
  if (candidates.length === 0) return <p className="hint">No threats to vote on yet.</p>;
  return (
    <ul className="candidate-list" aria-label="Threats to vote on">
      {candidates.map((t) => {
        const mine = ballot[t.id] ?? 0;
        const label = threatLabel(t.num);
        return (
          <li key={t.id}>
            <span className="threat-id">{label}</span>
            <span className="threat-title">{t.title || 'Untitled threat'}</span>
            <span className="my-dots" aria-label={`Your dots on ${label}: ${mine}`}>
              {'●'.repeat(Math.min(mine, 5))}
              {mine > 5 ? `+${mine - 5}` : ''}
            </span>
            <button type="button" className="secondary small" aria-label={`Add a dot to ${label}`} onClick={() => fac.dot(t.id, 'add')} disabled={!vote.allowMultiple && mine > 0}>
              +
            </button>
            <button type="button" className="secondary small" aria-label={`Remove a dot from ${label}`} disabled={mine === 0} onClick={() => fac.dot(t.id, 'remove')}>
              −
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The ranked result of a closed vote, for everyone; opens by itself when the vote closes. */
function VoteResults() {
  const fac = useFacilitationSession();
  const session = useSession();
  const shown = useStore(fac.resultsShown);
  const state = useFacilitation({ fac });
  const { byId } = useBoardShapes();
  const vote = state.votes.find((v) => v.id === shown);
  const rows = useMemo(() => {
    if (!vote?.results) return [];
    const num = (id: string) => {
      const s = byId.get(id);
      return s?.kind === 'threat' ? s.num : Number.MAX_SAFE_INTEGER;
    };
    return ranking(vote.results.tallies, (a, b) => num(a) - num(b) || a.localeCompare(b));
  }, [vote, byId]);
  if (!vote?.results) return null;
  const r = vote.results;
  return (
    <section className="vote-results" role="dialog" aria-label="Vote results" tabIndex={-1}>
      <div className="vote-results-head">
        <h2>Vote results</h2>
        <button type="button" className="icon-button" aria-label="Close vote results" onClick={() => fac.resultsShown.set(null)}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <p className="hint results-summary">
        {fac.isFacilitator
          ? `${r.voters} voted, ${r.ignored} ${r.ignored === 1 ? 'dot' : 'dots'} ignored`
          : r.voters === 1
            ? '1 person voted'
            : `${r.voters} people voted`}
      </p>
      {fac.isFacilitator && r.ignored > 0 && <p className="hint">Ignored dots were over a voter's budget, a second dot on one threat, or not on a candidate.</p>}
      {rows.length === 0 ? (
        <p className="hint">No threat got a dot.</p>
      ) : (
        <table className="results-table">
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Threat</th>
              <th scope="col">Title</th>
              <th scope="col">Dots</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const t = byId.get(row.id);
              const title = t?.kind === 'threat' ? t.title || 'Untitled threat' : '(deleted)';
              return (
                <tr key={row.id}>
                  <td>{row.rank}</td>
                  <td>
                    {t ? (
                      <button type="button" className="link-button" onClick={() => session.focusShape(row.id)}>
                        {t.kind === 'threat' ? threatLabel(t.num) : '—'}
                      </button>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="result-title">{title}</td>
                  <td className="result-dots">{row.dots}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
