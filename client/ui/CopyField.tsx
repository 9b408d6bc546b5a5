import { useRef, useState } from 'react';

/** A read-only link with a Copy button, named by `label` ("Participant link"). */
export function CopyField({ id, label, help, url }: { id: string; label: string; help: string; url: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // No clipboard permission (e.g. insecure origin): select the text so Ctrl/⌘+C works.
      input.current?.select();
      setCopied(document.execCommand?.('copy') ? 'yes' : 'failed');
    }
    setTimeout(() => setCopied(null), 2500);
  }

  return (
    <div className="invite-row">
      <label htmlFor={id} className="invite-label">
        {label}
      </label>
      <p className="invite-help" id={`${id}-help`}>
        {help}
      </p>
      <div className="invite-field">
        <input id={id} ref={input} readOnly value={url} aria-describedby={`${id}-help`} onFocus={(e) => e.target.select()} />
        <button type="button" id={`${id}-copy`} className="secondary" onClick={copy} aria-label={`Copy ${label.charAt(0).toLowerCase()}${label.slice(1)}`}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <span className="visually-hidden" role="status">
        {copied === 'yes' ? `${label} copied` : copied === 'failed' ? 'Could not copy; the link is selected, press Ctrl+C' : ''}
      </span>
    </div>
  );
}
