import { useEffect, useId, useState, type ReactNode } from 'react';
import { usePopover } from '../usePopover';

export interface MenuItem {
  label: string;
  hint?: string;
  disabled?: boolean;
  onSelect(): void;
}

/**
 * A button that opens a menu of actions (role menu / menuitem). Arrow keys move between items, Escape or a
 * click outside closes it, and picking an item returns focus to the button.
 */
export function MenuButton({
  label,
  content,
  className,
  items,
  title,
  startOpen = false,
}: {
  label: string;
  content: ReactNode;
  className?: string;
  items: readonly MenuItem[];
  title?: string;
  /** Open when it appears (a menu whose code was fetched by the click that asked for it). */
  startOpen?: boolean;
}) {
  const [shown, setShown] = useState(startOpen);
  const { open, setOpen, ref } = usePopover<HTMLDivElement>({ open: shown, setOpen: setShown });
  const menuId = useId();

  useEffect(() => {
    if (open) ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
  }, [open, ref]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const all = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    const next = all[(i + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length];
    next?.focus();
  };

  return (
    <div className="menu-host" ref={ref}>
      <button
        type="button"
        className={className ?? 'text-button'}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        title={title ?? label}
        onClick={() => setOpen(!open)}
      >
        {content}
      </button>
      {open && (
        <div id={menuId} className="popover menu" role="menu" aria-label={label} onKeyDown={onKeyDown}>
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              className="menu-item"
              disabled={item.disabled}
              onClick={() => {
                setOpen(false);
                ref.current?.querySelector<HTMLButtonElement>('[aria-haspopup]')?.focus();
                item.onSelect();
              }}
            >
              <span>{item.label}</span>
              {item.hint && <span className="menu-hint">{item.hint}</span>}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
