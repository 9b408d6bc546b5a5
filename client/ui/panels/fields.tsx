import { useId, type ReactNode } from 'react';
import { useDraft } from '../../lib/useDraft';

/**
 * Form controls of the properties panel. Text commits on blur or Enter (⌘/Ctrl+Enter in a textarea), not
 * per keystroke, so one edit is one undo step and one sync message; Escape puts back the stored value.
 * A value changed by someone else shows up unless this field is being edited.
 */
export function TextField({
  label,
  value,
  onCommit,
  multiline = false,
  readOnly = false,
  maxLength,
  placeholder,
  describedBy,
  required,
}: {
  label: string;
  value: string;
  onCommit(next: string): void;
  multiline?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  placeholder?: string;
  describedBy?: string;
  required?: boolean;
}) {
  const id = useId();
  const draft = useDraft(value, onCommit, (e) => !multiline || e.metaKey || e.ctrlKey);
  const common = {
    id,
    readOnly,
    maxLength,
    placeholder,
    required,
    'aria-describedby': describedBy,
    ...draft,
  };
  return (
    <div className="prop-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
    </div>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  disabled,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(next: T): void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="prop-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckField({ label, checked, onChange, disabled, children }: { label: string; checked: boolean; onChange(next: boolean): void; disabled?: boolean; children?: ReactNode }) {
  return (
    <label className="prop-check">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A label and a value as plain text, for facts that are not edited here (flow ends, a viewer's view). */
export function ReadOnlyRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="prop-row">
      <span className="prop-row-label">{label}</span>
      <span className="prop-row-value">{children}</span>
    </div>
  );
}
