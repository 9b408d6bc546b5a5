import { useCallback, useEffect, useId, useState } from 'react';
import type * as Y from 'yjs';
import { boardToData, type BoardData } from '../../../shared/formats/board-data';
import { diffBoards, fieldLabel, showValue, versionLabel, type BoardDiff, type DiffRecord, type RestoreBody, type VersionInfo } from '../../../shared/versions';
import { useBoardDoc, useMe } from '../../editor/context';
import { fetchVersion, HistoryError, listVersions, restoreVersion, saveVersion } from './api';
import './history.css';

const when = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Pat +2 ~1 −0" per author, in words for screen readers too. */
function summaryText(v: VersionInfo): string {
  if (v.summary.authors.length === 0) return 'No changes by people recorded';
  return v.summary.authors
    .map((a) => {
      const parts = [a.added && `${a.added} added`, a.changed && `${a.changed} changed`, a.removed && `${a.removed} removed`].filter(Boolean);
      return `${a.name || (a.userId ? 'someone' : 'unknown')}: ${parts.join(', ') || 'no changes'}`;
    })
    .join(' · ');
}

/** The live board's data, re-read (at most once a frame) while the document changes. */
function useLiveData(doc: Y.Doc): BoardData {
  const [data, setData] = useState(() => boardToData(doc));
  useEffect(() => {
    let frame = 0;
    const onUpdate = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setData(boardToData(doc)));
    };
    doc.on('update', onUpdate);
    return () => {
      cancelAnimationFrame(frame);
      doc.off('update', onUpdate);
    };
  }, [doc]);
  return data;
}

/** The "History" button of the top bar and the panel it opens. */
/**
 * Versions of the board, newest first, with who changed what. Selecting one shows it beside the live board
 * as a diff against now; facilitators restore one item, one view or the whole board from there, and save
 * named versions. Everyone else can list and compare.
 */
export function HistoryPanel({ boardId, onClose }: { boardId: string; onClose(): void }) {
  const facilitator = useMe().role === 'facilitator';
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [selected, setSelected] = useState<VersionInfo | null>(null);
  const [status, setStatus] = useState('');
  const [name, setName] = useState('');
  const nameId = useId();

  const refresh = useCallback(async () => {
    try {
      setVersions(await listVersions(boardId));
    } catch (e) {
      setStatus(e instanceof HistoryError ? e.message : 'Could not load the history.');
    }
  }, [boardId]);
  useEffect(() => void refresh(), [refresh]);

  const save = async () => {
    if (!name.trim()) return;
    try {
      const v = await saveVersion(boardId, name);
      setName('');
      setStatus(`Saved version “${v.name}”.`);
      await refresh();
    } catch (e) {
      setStatus(e instanceof HistoryError ? e.message : 'Could not save the version.');
    }
  };

  const restore = async (scope: RestoreBody, what: string) => {
    if (!selected) return;
    try {
      const r = await restoreVersion(boardId, selected.id, scope);
      setStatus(`Restored ${what} from “${versionLabel(selected)}” (${r.restored} set back, ${r.removed} removed). To undo, restore the version “Before a restore” at the top.`);
      await refresh();
    } catch (e) {
      setStatus(e instanceof HistoryError ? e.message : 'Could not restore.');
    }
  };

  return (
    <aside className="history-panel" aria-label="Version history">
      <div className="history-head">
        <h2>History</h2>
        <button type="button" className="icon-button" aria-label="Close history" onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {facilitator && (
        <form
          className="history-save"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor={nameId}>Version name</label>
          <div className="history-save-row">
            <input id={nameId} value={name} maxLength={100} placeholder="e.g. end of day 1" onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="secondary small" disabled={!name.trim()}>
              Save version
            </button>
          </div>
        </form>
      )}
      <p className="history-status" role="status">
        {status}
      </p>
      {versions === null ? (
        <p className="muted">Loading…</p>
      ) : versions.length === 0 ? (
        <p className="muted">No versions yet. The server keeps one automatically every 10 minutes while the board is edited.</p>
      ) : (
        <ul className="history-list" aria-label="Versions">
          {versions.map((v) => (
            <li key={v.id}>
              <button type="button" className="history-item" aria-pressed={selected?.id === v.id} onClick={() => setSelected(selected?.id === v.id ? null : v)}>
                <span className="history-name">{versionLabel(v)}</span>
                <span className="history-meta">
                  {when(v.createdAt)}
                  {v.createdByName ? ` · by ${v.createdByName}` : ''}
                </span>
                <span className="history-summary">{summaryText(v)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected && <VersionDiff key={selected.id} boardId={boardId} version={selected} facilitator={facilitator} onRestore={restore} />}
    </aside>
  );
}

function VersionDiff({
  boardId,
  version,
  facilitator,
  onRestore,
}: {
  boardId: string;
  version: VersionInfo;
  facilitator: boolean;
  onRestore(scope: RestoreBody, what: string): Promise<void>;
}) {
  const [data, setData] = useState<BoardData | null>(null);
  const [error, setError] = useState('');
  const now = useLiveData(useBoardDoc());
  useEffect(() => {
    fetchVersion(boardId, version.id).then(setData, (e: unknown) => setError(e instanceof HistoryError ? e.message : 'Could not load this version.'));
  }, [boardId, version.id]);
  if (error) return <p className="history-status">{error}</p>;
  if (!data) return <p className="muted">Loading the version…</p>;
  const diff: BoardDiff = diffBoards(data, now);
  const label = versionLabel(version);
  const item = (r: DiffRecord, verb: string) =>
    facilitator && (
      <button type="button" className="text-button small" onClick={() => void onRestore({ scope: 'item', id: r.id }, `“${r.label}”`)} aria-label={`${verb} ${r.label}`}>
        {verb}
      </button>
    );
  return (
    <section className="history-diff" aria-label={`Changes since ${label}`}>
      <h3>Since “{label}”</h3>
      <p className="muted small-text">
        The version as it was, compared with the live board: {diff.removed.length} deleted, {diff.added.length} added, {diff.changed.length} changed since.
      </p>
      {facilitator && (
        <div className="history-restore">
          <button type="button" className="secondary small" onClick={() => void onRestore({ scope: 'board' }, 'the whole board')}>
            Restore whole board
          </button>
          {data.views.map((v) => (
            <button key={v.id} type="button" className="text-button small" onClick={() => void onRestore({ scope: 'view', view: v.id }, `the view “${v.title}”`)}>
              Restore view “{v.title || 'Untitled view'}”
            </button>
          ))}
        </div>
      )}
      <DiffList title="Deleted since" records={diff.removed} action={(r) => item(r, 'Restore')} />
      <DiffList title="Added since" records={diff.added} action={(r) => item(r, 'Remove')} />
      <DiffList
        title="Changed since"
        records={diff.changed}
        action={(r) => item(r, 'Restore')}
        detail={(r) => {
          const c = diff.changed.find((x) => x.id === r.id && x.map === r.map);
          if (!c) return null;
          const full = r.kind === 'threat' || r.map === 'mitigations';
          return full ? (
            <dl className="history-fields">
              {c.fields.map((f) => (
                <div key={f.field}>
                  <dt>{fieldLabel(f.field)}</dt>
                  <dd>
                    <del>{showValue(f.before)}</del> → <ins>{showValue(f.after)}</ins>
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <span className="muted"> ({c.fields.map((f) => fieldLabel(f.field)).join(', ')})</span>
          );
        }}
      />
    </section>
  );
}

function DiffList({ title, records, action, detail }: { title: string; records: DiffRecord[]; action(r: DiffRecord): React.ReactNode; detail?(r: DiffRecord): React.ReactNode }) {
  if (records.length === 0) return null;
  return (
    <>
      <h4>
        {title} ({records.length})
      </h4>
      <ul className="history-records" aria-label={title}>
        {records.slice(0, 200).map((r) => (
          <li key={`${r.map}/${r.id}`}>
            <span className="history-kind">{r.kind}</span> <span>{r.label}</span> {action(r)}
            {detail?.(r)}
          </li>
        ))}
      </ul>
    </>
  );
}
