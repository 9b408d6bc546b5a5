import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ThreatShape } from '../../shared/model/schema';
import { mitigationLabel } from '../../shared/threats/numbering';
import { createMitigation, link, type Category } from './actions';
import { useMitigations, useRegisterTarget } from './hooks';
import { CATEGORY_OPTIONS } from './labels';

/**
 * "Add mitigation…" on a threat row: a small dialog that either links a mitigation the board already has
 * or creates a new one and links it (one undo step), with the link's status starting at planned.
 */
export function AddMitigationButton({ threat, label }: { threat: ThreatShape; label: string }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const show = () => setOpen(true);
  // Rendered first, then opened (after React committed it, never before), so the first field gets focus.
  useEffect(() => {
    if (open && dialogRef.current && !dialogRef.current.open) dialogRef.current.showModal();
  }, [open]);
  const close = () => {
    dialogRef.current?.close();
  };
  return (
    <>
      <button type="button" className="text-button small add-mitigation" aria-label={`Add mitigation to ${label}`} onClick={show}>
        Add mitigation…
      </button>
      {open && (
        <dialog ref={dialogRef} className="dialog add-mitigation-dialog" aria-labelledby={`add-mit-${threat.id}`} onClose={() => setOpen(false)}>
          <AddMitigationForm threat={threat} label={label} headingId={`add-mit-${threat.id}`} onDone={close} />
        </dialog>
      )}
    </>
  );
}

function AddMitigationForm({ threat, label, headingId, onDone }: { threat: ThreatShape; label: string; headingId: string; onDone(): void }) {
  const target = useRegisterTarget();
  const all = useMitigations(target.doc);
  const linked = new Set(threat.mitigations.map((l) => l.id));
  const candidates = all.filter((m) => !linked.has(m.id));
  const [existing, setExisting] = useState('');
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<Category>('authentication');
  const [error, setError] = useState<string | null>(null);
  const ids = { existing: useId(), title: useId(), category: useId() };

  const linkExisting = (e: FormEvent) => {
    e.preventDefault();
    if (!existing) return setError('Choose a mitigation to link.');
    link(target, threat.id, existing, 'planned');
    onDone();
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setError('Give the new mitigation a title, e.g. "Signed firmware images".');
    if (createMitigation(target, { title, category }, threat.id)) onDone();
    else setError('The mitigation could not be added. Is the title shorter than 300 characters?');
  };

  return (
    <div className="add-mitigation-form">
      <h2 id={headingId}>Add a mitigation to {label}</h2>
      <p className="hint">{threat.title || 'Untitled threat'}</p>
      {candidates.length > 0 && (
        <form onSubmit={linkExisting} className="add-mitigation-part" aria-label="Link an existing mitigation">
          <h3>Link an existing mitigation</h3>
          <div className="prop-field">
            <label htmlFor={ids.existing}>Mitigation</label>
            <select id={ids.existing} value={existing} onChange={(e) => setExisting(e.target.value)}>
              <option value="">Choose…</option>
              {candidates.map((m) => (
                <option key={m.id} value={m.id}>
                  {mitigationLabel(m.num)} {m.title || 'Untitled mitigation'}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            Link
          </button>
        </form>
      )}
      <form onSubmit={create} className="add-mitigation-part" aria-label="Create a new mitigation">
        <h3>{candidates.length > 0 ? 'Or create a new one' : 'Create a new mitigation'}</h3>
        <div className="prop-field">
          <label htmlFor={ids.title}>Title</label>
          <input id={ids.title} value={title} maxLength={300} autoFocus={candidates.length === 0} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Pairing requires a code shown on the boot" />
        </div>
        <div className="prop-field">
          <label htmlFor={ids.category}>Control category</label>
          <select id={ids.category} value={category} onChange={(e) => setCategory(e.target.value as Category)}>
            {CATEGORY_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          Create and link
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="text-button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
