import { useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { DisplayName, Title } from '../../shared/api';
import { ApiCallError, createBoard, joinBoard } from '../api';
import { navigate } from '../router';
import { lastName, saveInvites, saveSession } from '../session';
import { AdminKeyField, useAdminKey } from './AdminKeyField';
import { ImportBoard } from './ImportBoard';
import { MyBoards } from './MyBoards';

const TemplateList = z.array(z.object({ id: z.string().max(64), title: z.string().max(200), description: z.string().max(2000) }));
type TemplateChoice = { id: string | undefined; title: string; description: string };

const BLANK: TemplateChoice = { id: undefined, title: 'Blank board', description: 'An empty canvas with one view. Draw your own system.' };

/** The server's example systems (GET /api/templates). Without them the blank board is still there. */
function useTemplates(): { templates: TemplateChoice[]; failed: boolean } {
  const [state, setState] = useState<{ templates: TemplateChoice[]; failed: boolean }>({ templates: [BLANK], failed: false });
  useEffect(() => {
    let live = true;
    fetch('/api/templates')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((body: unknown) => {
        const list = TemplateList.parse(body);
        if (live) setState({ templates: [BLANK, ...list], failed: false });
      })
      .catch(() => live && setState({ templates: [BLANK], failed: true }));
    return () => {
      live = false;
    };
  }, []);
  return state;
}

export function Home() {
  const [title, setTitle] = useState('');
  const [name, setName] = useState(lastName);
  const [template, setTemplate] = useState(0);
  const { templates, failed } = useTemplates();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const admin = useAdminKey();
  const adminKey = admin.required ? admin.key : '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const t = Title.safeParse(title);
    const n = DisplayName.safeParse(name);
    if (!t.success) return setError(`Board title: ${t.error.issues[0]?.message ?? 'invalid'}.`);
    if (!n.success) return setError(`Display name: ${n.error.issues[0]?.message ?? 'invalid'}.`);
    setBusy(true);
    setError(null);
    try {
      const tpl = templates[template]?.id;
      const board = await createBoard(tpl ? { title: t.data, template: tpl } : { title: t.data }, adminKey);
      // The server keeps invite keys hashed: this browser is the only place they can be shown again.
      saveInvites(board.id, board.invites);
      const session = await joinBoard(board.id, { invite: board.invites.facilitator, name: n.data });
      saveSession(board.id, { ...session, name: n.data, title: board.title });
      navigate(`/b/${board.id}`);
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : 'Something went wrong while creating the board. Try again.');
      setBusy(false);
    }
  }

  return (
    <main className="home">
      <header className="home-header">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand">Threatboard</span>
      </header>
      <section className="home-main">
        <div className="home-intro">
          <h1>Threat modeling, together</h1>
          <p>
            A shared whiteboard for threat-modeling workshops on medical devices. Draw the system as data-flow
            diagrams, hang STRIDE threats on its elements and see what is not covered yet, together and in real time.
            Start blank or from one of the example systems.
          </p>
        </div>
        {admin.required && <AdminKeyField value={admin.key} onChange={admin.setKey} />}
        <form className="card create-form" onSubmit={submit} aria-labelledby="create-heading" noValidate>
          <h2 id="create-heading">Create a board</h2>
          <label className="field">
            <span>Board title</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} placeholder="e.g. Insulin pump – release 2.1" required />
          </label>
          <label className="field">
            <span>Display name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoComplete="nickname" required />
          </label>
          <fieldset className="field template-choice">
            <legend>Start from</legend>
            {templates.map((tpl, i) => (
              <label key={tpl.id ?? 'blank'} className={`template-option ${template === i ? 'checked' : ''}`}>
                <input type="radio" name="template" value={tpl.id ?? ''} checked={template === i} onChange={() => setTemplate(i)} aria-describedby={`tpl-desc-${i}`} />
                <span className="template-text">
                  <span className="template-title">{tpl.title}</span>
                  <span className="template-desc" id={`tpl-desc-${i}`}>
                    {tpl.description}
                  </span>
                </span>
              </label>
            ))}
            {failed && <p className="hint">The example systems could not be loaded; you can still start a blank board.</p>}
          </fieldset>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create board'}
          </button>
          <p className="hint">You will be the facilitator. Invite links for participants and viewers are under Share.</p>
        </form>
        <ImportBoard adminKey={adminKey} />
        <MyBoards />
      </section>
    </main>
  );
}
