import { useDraft } from '../lib/useDraft';
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
  const draft = useDraft(value, onCommit, (e) => !(multiline && e.shiftKey));
  const common = {
    className: `cell-input ${multiline ? 'cell-text' : ''} ${className ?? ''}`,
    'aria-label': label,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    readOnly,
    placeholder,
    maxLength,
    ...draft,
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
