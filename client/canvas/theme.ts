import type { NoteColor } from '../../shared/model/schema';

/** Note fills: calm pastels with dark text (contrast ≥ 7:1 for #1f2328 on each). */
export const NOTE_FILL: Record<NoteColor, string> = {
  yellow: '#fff1a8',
  pink: '#ffd6e0',
  blue: '#d2e6ff',
  green: '#d5f2d3',
  orange: '#ffdcb8',
  purple: '#e6dcff',
  gray: '#e7e9ec',
};

export const NOTE_COLOR_LABEL: Record<NoteColor, string> = {
  yellow: 'yellow',
  pink: 'pink',
  blue: 'blue',
  green: 'green',
  orange: 'orange',
  purple: 'purple',
  gray: 'grey',
};

export const NOTE_TEXT = {
  color: '#1f2328',
  fontSize: 16,
  lineHeight: 1.3,
  padding: 12,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
};

export const SELECTION_COLOR = '#2563eb';
