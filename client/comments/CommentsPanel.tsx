import { useId, useMemo, useState } from 'react';
import { mentionsUser, threadsOf, type Thread } from '../../shared/model/comments';
import { useBoardDoc, useBoardShapes, useMe, useSession } from '../editor/context';
import { mitigationLabel } from '../../shared/threats/numbering';
import { useMitigations } from '../register/hooks';
import { registerUi } from '../register/state';
import { shapeName } from '../ui/panels/labels';
import { ThreadView } from './CommentThreads';
import { requestCommentFocus, useComments } from './store';
import './comments.css';

interface Group {
  target: string;
  name: string;
  kind: 'shape' | 'mitigation' | 'deleted';
  threads: Thread[];
}

/**
 * The board's comment threads grouped by the item they are on: open ones, or with "Show resolved" all;
 * "Mentions of me" keeps the threads that mention this person. The item's name selects it (on the canvas,
 * or its row in the register) and opens its comments; a thread whose item was deleted stays here, "on a
 * deleted item".
 */
export function CommentsPanel({ onClose }: { onClose(): void }) {
  const doc = useBoardDoc();
  const me = useMe();
  const session = useSession();
  const comments = useComments(doc);
  const { byId } = useBoardShapes();
  const mitigations = useMitigations(doc);
  const [mine, setMine] = useState(false);
  const [resolved, setResolved] = useState(false);
  const headingId = useId();

  const groups = useMemo(() => {
    const byTarget = new Map<string, Group>();
    const mits = new Map(mitigations.map((m) => [m.id, m]));
    for (const t of threadsOf(comments)) {
      if (!resolved && t.root.resolved) continue;
      if (mine && !mentionsUser(t, me.userId)) continue;
      const target = t.root.target;
      let g = byTarget.get(target);
      if (!g) {
        const s = byId.get(target);
        const m = mits.get(target);
        g = s
          ? { target, name: shapeName(s), kind: 'shape', threads: [] }
          : m
            ? { target, name: `${mitigationLabel(m.num)} ${m.title}`.trim(), kind: 'mitigation', threads: [] }
            : { target, name: 'On a deleted item', kind: 'deleted', threads: [] };
        byTarget.set(target, g);
      }
      g.threads.push(t);
    }
    return [...byTarget.values()];
  }, [comments, byId, mitigations, mine, resolved, me.userId]);

  const show = (g: Group) => {
    const ui = registerUi(session);
    if (g.kind === 'shape') {
      ui.mode.set('canvas');
      session.focusShape(g.target);
    } else if (g.kind === 'mitigation') {
      ui.mode.set('register');
      ui.tab.set('mitigations');
      ui.focusedMitigation.set(g.target);
    }
    requestCommentFocus(doc, g.target);
  };

  return (
    <div
      className="comments-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) onClose();
      }}
    >
      <div className="comments-panel-head">
        <h2 id={headingId}>Comments</h2>
        <button type="button" className="icon-button" aria-label="Close comments" title="Close" onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="comments-panel-filters">
        <label>
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Mentions of me
        </label>
        <label>
          <input type="checkbox" checked={resolved} onChange={(e) => setResolved(e.target.checked)} /> Show resolved
        </label>
      </div>
      {groups.length === 0 && <p className="hint">{mine ? 'No open threads mention you.' : 'No open comment threads.'}</p>}
      {groups.map((g) => (
        <section key={g.target} className="comments-panel-group" aria-label={g.name}>
          <h3>
            {g.kind === 'deleted' ? (
              <span className="muted">{g.name}</span>
            ) : (
              <button type="button" className="link-button" title="Select it and show its comments" onClick={() => show(g)}>
                {g.name}
              </button>
            )}
          </h3>
          <ol className="comment-threads">
            {g.threads.map((t) => (
              <ThreadView key={t.root.id} thread={t} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
