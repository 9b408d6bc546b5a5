import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { RISK_LEVEL_LABELS, type RiskLevel } from '../../shared/risk/matrix';

/**
 * Controls for table cells. They carry their name in `aria-label` (a table cell has no room for a visible
 * label; the column header says it to sighted users). Text commits on blur or Enter, Escape puts back the
 * stored value, and a value changed by someone else shows unless the field is being edited: the same
 * contract as the properties panel, so one edit is one undo step and one sync message.
 */
export function CellText({
  label,
  value,
  onCommit,
  readOnly,
  invalid,
  describedBy,
  placeholder,
  maxLength,
  list,
  className,
  multiline,
}: {
  /** A textarea that grows with its text (titles, rationales): Enter commits, Shift+Enter starts a new line. */
  multiline?: boolean;
  label: string;
  value: string;
  onCommit(next: string): void;
  readOnly?: boolean;
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
  maxLength?: number;
  list?: string;
  className?: string;
}) {
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setDraft(value);
  }, [value]);
  // A row can unmount while its field has focus (a filter changes, the threat is deleted): keep the edit.
  const latest = useRef({ draft, value, onCommit });
  latest.current = { draft, value, onCommit };
  useEffect(
    () => () => {
      const l = latest.current;
      if (focused.current && l.draft !== l.value) l.onCommit(l.draft);
    },
    [],
  );
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  const common = {
    className: `cell-input ${multiline ? 'cell-text' : ''} ${className ?? ''}`,
    'aria-label': label,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    value: draft,
    readOnly,
    placeholder,
    maxLength,
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      commit();
    },
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onKeyDown: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.key === 'Escape') {
        setDraft(value);
        e.currentTarget.blur();
        e.stopPropagation();
      } else if (e.key === 'Enter' && !(multiline && e.shiftKey)) {
        e.preventDefault();
        commit();
      }
    },
  };
  return multiline ? <textarea rows={2} {...common} /> : <input type="text" list={list} {...common} />;
}

export function CellSelect<T extends string>({
  label,
  value,
  options,
  onChange,
  disabled,
  className,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(next: T): void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <select className={`cell-select ${className ?? ''}`} aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as T)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** Glyphs beside the level's name: the text says it, the colour and the glyph only repeat it. */
const RISK_GLYPH: Record<RiskLevel, string> = { low: '▁', medium: '▃', high: '▅', critical: '▲' };

export function RiskBadge({ level, prefix }: { level: RiskLevel | ''; prefix?: string }) {
  if (level === '') {
    return (
      <span className="risk-badge risk-none" title="Severity or exploitability not assessed yet">
        {prefix ? `${prefix} ` : ''}not assessed
      </span>
    );
  }
  return (
    <span className={`risk-badge risk-${level}`}>
      <span aria-hidden="true" className="risk-glyph">
        {RISK_GLYPH[level]}
      </span>
      {prefix ? `${prefix} ` : ''}
      {RISK_LEVEL_LABELS[level]}
    </span>
  );
}
