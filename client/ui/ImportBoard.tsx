import { useId, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { ApiError, CreateBoardResponse, DisplayName } from '../../shared/api';
import { adminHeaders, ApiCallError, joinBoard } from '../api';
import { navigate } from '../router';
import { lastName, saveInvites, saveSession } from '../session';
import { saveImportWarnings } from './ImportWarnings';
import '../register/register.css';

const ImportResponse = CreateBoardResponse.extend({ format: z.string().optional(), warnings: z.array(z.string()).optional() });
type ImportResponse = z.infer<typeof ImportResponse>;

const FORMAT_NAMES: Record<string, string> = {
  'threatboard-backup': 'Threatboard backup',
  'threat-dragon-v1': 'Threat Dragon v1 model',
  'threat-dragon-v2': 'Threat Dragon v2 model',
};

/** Largest file the server takes (see server/routes/files.ts); checked here first to save an upload. */
const MAX_BYTES = 20 * 1024 * 1024;

type State =
  | { phase: 'idle' }
  | { phase: 'uploading'; percent: number | null }
  | { phase: 'joining'; format?: string }
  | { phase: 'failed'; message: string; issues: string[] };

class ImportFailed extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
  }
}

/** POST the file with upload progress (fetch cannot report it). */
function upload(file: File, adminKey: string, onProgress: (percent: number | null) => void): Promise<ImportResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/boards/import');
    xhr.setRequestHeader('content-type', 'application/json');
    for (const [k, v] of Object.entries(adminHeaders(adminKey))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? Math.round((e.loaded / e.total) * 100) : null);
    xhr.onerror = () => reject(new ImportFailed('Cannot reach the Threatboard server. Check your connection and try again.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: answered below */
      }
      if (xhr.status === 201) {
        const r = ImportResponse.safeParse(body);
        return r.success ? resolve(r.data) : reject(new ImportFailed('The server sent an answer this page does not understand. Reload and try again.'));
      }
      const err = ApiError.safeParse(body);
      reject(new ImportFailed(err.success ? sentence(err.data.error) : `The server answered ${xhr.status}.`, err.success ? (err.data.issues ?? []) : []));
    };
    xhr.send(file);
  });
}

const TYPE_WORDS: Record<string, string> = { array: 'a list', object: 'an object', string: 'text', number: 'a number', boolean: 'true or false' };

/** The server's issues name the place in the file and what is wrong; say the commonest ones in words. */
function plainIssue(issue: string): string {
  return issue
    .replace(/Invalid input: expected (\w+), received undefined/, (_, t: string) => `missing (should be ${TYPE_WORDS[t] ?? t})`)
    .replace(/Invalid input: expected (\w+), received (\w+)/, (_, t: string, got: string) => `should be ${TYPE_WORDS[t] ?? t}, not ${TYPE_WORDS[got] ?? got}`);
}

function sentence(s: string): string {
  const t = s.trim();
  return t ? `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}` : 'The file could not be imported.';
}

/**
 * "Import a board" on the home page: a Threatboard JSON backup or a Threat Dragon v1/v2 model becomes a
 * new board, which this browser joins as its facilitator, like a board it created. A file the server
 * refuses is explained with the server's list of what is wrong.
 */
export function ImportBoard({ adminKey = '' }: { adminKey?: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState(lastName);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const ids = { file: useId(), name: useId(), help: useId() };
  const busy = state.phase === 'uploading' || state.phase === 'joining';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return setState({ phase: 'failed', message: 'Choose a file to import first.', issues: [] });
    const n = DisplayName.safeParse(name);
    if (!n.success) return setState({ phase: 'failed', message: `Your name: ${n.error.issues[0]?.message ?? 'invalid'}.`, issues: [] });
    if (file.size > MAX_BYTES) {
      return setState({ phase: 'failed', message: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; a board file may be 20 MB at most.`, issues: [] });
    }
    setState({ phase: 'uploading', percent: 0 });
    try {
      const board = await upload(file, adminKey, (percent) => setState({ phase: 'uploading', percent }));
      setState({ phase: 'joining', format: board.format });
      // As for a created board: the server keeps invite keys hashed, so this browser is where they live.
      saveInvites(board.id, board.invites);
      saveImportWarnings(board.id, board.warnings ?? []);
      const session = await joinBoard(board.id, { invite: board.invites.facilitator, name: n.data });
      saveSession(board.id, { ...session, name: n.data, title: board.title });
      navigate(`/b/${board.id}`);
    } catch (err) {
      if (err instanceof ImportFailed) setState({ phase: 'failed', message: err.message, issues: err.issues });
      else if (err instanceof ApiCallError) setState({ phase: 'failed', message: `The board was imported but joining it failed: ${err.message}`, issues: [] });
      else setState({ phase: 'failed', message: 'Something went wrong while importing. Try again.', issues: [] });
    }
  }

  return (
    <form className="card import-card" onSubmit={submit} aria-labelledby="import-heading" noValidate>
      <h2 id="import-heading">Import a board</h2>
      <p className="hint" id={ids.help}>
        A Threatboard JSON backup, or a Threat Dragon model (v1 or v2). It becomes a new board, and you its facilitator.
      </p>
      <label className="field" htmlFor={ids.file}>
        <span>File to import</span>
        <input
          id={ids.file}
          type="file"
          accept=".json,application/json"
          aria-describedby={ids.help}
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            if (state.phase === 'failed') setState({ phase: 'idle' });
          }}
        />
      </label>
      <label className="field" htmlFor={ids.name}>
        <span>Your name</span>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoComplete="nickname" disabled={busy} />
      </label>
      {state.phase === 'uploading' && (
        <div role="status">
          <span>{state.percent === null || state.percent >= 100 ? 'Checking the file…' : `Uploading… ${state.percent}%`}</span>
          <progress className="import-progress" aria-label="Upload progress" max={100} value={state.percent ?? undefined} />
        </div>
      )}
      {state.phase === 'joining' && <p role="status">Imported{state.format ? ` (${FORMAT_NAMES[state.format] ?? state.format})` : ''}. Opening the board…</p>}
      {state.phase === 'failed' && (
        <div className="error" role="alert">
          <p style={{ margin: 0 }}>{state.message}</p>
          {state.issues.length > 0 && (
            <>
              <ul className="import-issues" aria-label="What is wrong with the file">
                {state.issues.map((issue, i) => (
                  <li key={i}>{plainIssue(issue)}</li>
                ))}
              </ul>
              <p style={{ margin: '6px 0 0' }}>Check that this is the file you meant, exported by Threatboard or Threat Dragon, and not edited by hand.</p>
            </>
          )}
        </div>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Importing…' : 'Import board'}
      </button>
    </form>
  );
}
