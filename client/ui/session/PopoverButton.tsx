import { createContext, useContext, useId, useLayoutEffect, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { usePopover } from '../usePopover';

/** Width of the panels (see .session-popover). */
const PANEL_WIDTH = 320;

/**
 * Popover buttons inside one group open one at a time, like the menus of a menubar: opening one closes
 * the one that was open. The value is the open panel's name, or null.
 */
export const PopoverGroup = createContext<{ open: string | null; setOpen: Dispatch<SetStateAction<string | null>> } | null>(null);

/**
 * A button that opens a small non-modal panel (role dialog, named) below it; Escape or a click outside
 * closes it. The facilitator strip keeps its rarely used controls in these so it fits on one line.
 */
export function PopoverButton({
  label,
  content,
  children,
  className = 'strip-button',
  title,
  align,
  buttonLabel,
}: {
  /** Name of the panel. */
  label: string;
  /** What the button shows. */
  content: ReactNode;
  children: ReactNode;
  className?: string;
  title?: string;
  /** Which edge of the button the panel lines up with; by default whichever keeps it in the window. */
  align?: 'left' | 'right';
  /** Accessible name of the button when its visible content is not enough (e.g. a count). */
  buttonLabel?: string;
}) {
  const group = useContext(PopoverGroup);
  const { open, setOpen, ref } = usePopover<HTMLDivElement>(
    group
      ? {
          open: group.open === label,
          // Closing clears the group only if this panel is still the open one (another may have just opened).
          setOpen: (next) => group.setOpen((cur) => (next ? label : cur === label ? null : cur)),
        }
      : undefined,
  );
  const id = useId();
  const [side, setSide] = useState<'left' | 'right'>(align ?? 'left');
  useLayoutEffect(() => {
    if (!open || align) return;
    const r = ref.current?.getBoundingClientRect();
    setSide(r && r.left + PANEL_WIDTH + 8 > window.innerWidth ? 'right' : 'left');
  }, [open, align, ref]);
  return (
    <div className="menu-host" ref={ref}>
      <button
        type="button"
        className={className}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={buttonLabel}
        title={title ?? label}
        onClick={() => setOpen(!open)}
      >
        {content}
        <span className="chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div id={id} className={`popover session-popover ${side}`} role="dialog" aria-label={label}>
          {children}
        </div>
      )}
    </div>
  );
}
