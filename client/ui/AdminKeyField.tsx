import { useEffect, useId, useState } from 'react';
import { adminKeyRequired } from '../api';
import { loadAdminKey, saveAdminKey } from '../session';

/** Whether the server asks for its admin key (GET /api/health), and the key this browser keeps for it. */
export function useAdminKey(): { required: boolean; key: string; setKey(key: string): void } {
  const [required, setRequired] = useState(false);
  const [key, setKeyState] = useState(loadAdminKey);
  useEffect(() => {
    let live = true;
    adminKeyRequired().then(
      (r) => live && setRequired(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const setKey = (k: string) => {
    setKeyState(k);
    saveAdminKey(k);
  };
  return { required, key, setKey };
}

/** The "Admin key" field of the home page, shown only on a server that has one. */
export function AdminKeyField({ value, onChange }: { value: string; onChange(key: string): void }) {
  const hint = useId();
  return (
    <section className="card admin-key-card" aria-labelledby={`${hint}-title`}>
      <h2 id={`${hint}-title`}>Access to this server</h2>
      <label className="field">
        <span>Admin key</span>
        <input type="password" value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" spellCheck={false} aria-describedby={hint} />
      </label>
      <p className="hint" id={hint}>
        This server asks for its admin key to create or import boards. Ask whoever runs it. The key is kept in this browser only.
      </p>
    </section>
  );
}
