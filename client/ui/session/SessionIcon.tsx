/**
 * Stroke icons of the live session (24×24, currentColor). Drawn as SVG rather than emoji: a workshop
 * laptop may have no emoji font, and a missing glyph shows as an empty box. Decorative: every control
 * carries its own text or name.
 */
export type SessionIconName = 'timer' | 'alarm' | 'hand' | 'eye' | 'eye-slash' | 'pause' | 'play' | 'stop' | 'list';

const PATHS: Record<SessionIconName, string> = {
  timer: 'M12 21a8 8 0 1 0 0-16a8 8 0 1 0 0 16z M12 9v4l2.5 2 M9.5 2.5h5 M12 2.5V5',
  alarm: 'M12 21a7.5 7.5 0 1 0 0-15a7.5 7.5 0 1 0 0 15z M12 9.5v4l2.5 1.5 M4 5.5L7 3 M20 5.5L17 3 M6 20l-1.5 1.5 M18 20l1.5 1.5',
  hand: 'M8 13V6.5a1.5 1.5 0 0 1 3 0V11 M11 5.5a1.5 1.5 0 0 1 3 0V11 M14 6.5a1.5 1.5 0 0 1 3 0V12 M17 9.5a1.5 1.5 0 0 1 3 0V15a6 6 0 0 1-6 6h-1.5a6 6 0 0 1-4.8-2.4L4.5 15.2a1.6 1.6 0 0 1 2.5-2L8 14.5',
  eye: 'M2.5 12s3.5-6.5 9.5-6.5 9.5 6.5 9.5 6.5-3.5 6.5-9.5 6.5S2.5 12 2.5 12z M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6z',
  'eye-slash': 'M2.5 12s3.5-6.5 9.5-6.5 9.5 6.5 9.5 6.5-3.5 6.5-9.5 6.5S2.5 12 2.5 12z M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6z M4 4l16 16',
  pause: 'M8 5v14 M16 5v14',
  play: 'M7 4.5l12 7.5-12 7.5z',
  stop: 'M6 6h12v12H6z',
  list: 'M9 6h11 M9 12h11 M9 18h11 M4 6h.01 M4 12h.01 M4 18h.01',
};

export function SessionIcon({ name, size = 16 }: { name: SessionIconName; size?: number }) {
  return (
    <svg className="session-icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
