import { useEffect, useRef, useState } from 'react';

/**
 * Open/close state for a non-modal popover: closes on Escape and on a click outside. A group of popovers
 * where only one may be open (the facilitator strip) passes its own state in `controlled`.
 */
export function usePopover<T extends HTMLElement>(controlled?: { open: boolean; setOpen(next: boolean): void }) {
  const [own, setOwn] = useState(false);
  const open = controlled ? controlled.open : own;
  const setOpen = controlled ? controlled.setOpen : setOwn;
  const ref = useRef<T>(null);
  const close = useRef(() => setOpen(false));
  close.current = () => setOpen(false);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) close.current();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        close.current();
        ref.current?.querySelector<HTMLElement>('[aria-expanded]')?.focus();
      }
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);
  return { open, setOpen, ref };
}
