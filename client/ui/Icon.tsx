/** Small stroke icons (24×24, currentColor). Decorative: every button carries its own name. */
export type IconName = 'select' | 'hand' | 'note' | 'undo' | 'redo' | 'plus' | 'minus' | 'fit' | 'panel' | 'comment';

const PATHS: Record<IconName, string> = {
  select: 'M5 3l14 8-6 1.5L10 19z',
  hand: 'M8 13V5.5a1.5 1.5 0 013 0V11m0-6.5a1.5 1.5 0 013 0V11m0-5a1.5 1.5 0 013 0v6m0-3.5a1.5 1.5 0 013 0V15a6 6 0 01-6 6h-1.5a6 6 0 01-4.8-2.4L4.5 15.2a1.6 1.6 0 012.5-2L8 14.5',
  note: 'M5 4h14v10l-5 6H5zM14 20v-6h5',
  undo: 'M9 14L4 9l5-5M4 9h10.5a5.5 5.5 0 010 11H11',
  redo: 'M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 000 11H13',
  plus: 'M12 5v14M5 12h14',
  minus: 'M5 12h14',
  fit: 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5',
  panel: 'M4 4h16v16H4zM15 4v16',
  comment: 'M4 5h16v11H9l-5 4z',
};

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
