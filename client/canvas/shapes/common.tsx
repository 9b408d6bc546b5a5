import { memo } from 'react';
import { Group, Rect, Text } from '../konva';
import { STRIDE_COLORS } from '../../../shared/threats/stride';
import type { Stride } from '../../../shared/model/schema';
import { NOTE_TEXT, SELECTION_COLOR } from '../theme';
import type { EditBox } from './types';

/** Colours of diagram elements; the kinds differ by outline first, colour second. */
export const DIAGRAM = {
  ink: '#1f2937',
  line: '#334155',
  muted: '#64748b',
  outOfScopeInk: '#868e96',
  outOfScopeLine: '#adb5bd',
  outOfScopeFill: '#f1f3f5',
  boundary: '#c2410c',
  font: NOTE_TEXT.fontFamily,
};

/** The outline of a selected shape (ours solid, someone else's dashed in their colour). */
export function SelectionFrame({
  w,
  h,
  selected,
  remoteColor,
  radius = 4,
}: {
  w: number;
  h: number;
  selected: boolean;
  remoteColor: string | undefined;
  radius?: number;
}) {
  if (!selected && !remoteColor) return null;
  return (
    <Rect
      x={-4}
      y={-4}
      width={w + 8}
      height={h + 8}
      cornerRadius={radius + 3}
      stroke={selected ? SELECTION_COLOR : remoteColor}
      dash={selected ? undefined : [6, 4]}
      strokeWidth={2}
      strokeScaleEnabled={false}
      listening={false}
    />
  );
}

/** "T2 I1" → [['T', 2], ['I', 1]]. */
export function parseBadges(badges: string): [Stride, number][] {
  if (!badges) return [];
  return badges.split(' ').map((b) => [b[0] as Stride, Number(b.slice(1))]);
}

const BADGE_H = 16;
const BADGE_W = 32;

/**
 * Open threats per STRIDE letter, as small pills with the letter and count (colour is a second cue).
 * Purely decorative for pointer input; the outline and register say the same in text.
 */
export const ThreatBadges = memo(function ThreatBadges({ x, y, badges }: { x: number; y: number; badges: string }) {
  const items = parseBadges(badges);
  if (items.length === 0) return null;
  return (
    <Group x={x} y={y} listening={false}>
      {items.map(([letter, n], i) => (
        <Group key={letter} x={i * (BADGE_W + 3)}>
          <Rect width={BADGE_W} height={BADGE_H} cornerRadius={8} fill={STRIDE_COLORS[letter]} stroke="rgba(15, 23, 42, 0.45)" strokeWidth={1} perfectDrawEnabled={false} />
          <Text width={BADGE_W} height={BADGE_H} text={`${letter}×${n}`} align="center" verticalAlign="middle" fontSize={11} fontStyle="bold" fontFamily={DIAGRAM.font} fill={DIAGRAM.ink} perfectDrawEnabled={false} />
        </Group>
      ))}
    </Group>
  );
});

export function badgesWidth(badges: string): number {
  const n = parseBadges(badges).length;
  return n === 0 ? 0 : n * (BADGE_W + 3) - 3;
}

export const BADGE_HEIGHT = BADGE_H;

/** A label centred in a box, with "(out of scope)" under it when the element is out of scope. */
export function CentredLabel({
  w,
  h,
  label,
  placeholder,
  outOfScope,
  bold,
  pad = 10,
}: {
  w: number;
  h: number;
  label: string;
  placeholder: string;
  outOfScope: boolean;
  bold?: boolean;
  pad?: number;
}) {
  const text = (label || placeholder) + (outOfScope ? '\n(out of scope)' : '');
  return (
    <Text
      x={pad}
      y={pad / 2}
      width={Math.max(8, w - 2 * pad)}
      height={Math.max(8, h - pad)}
      text={text}
      align="center"
      verticalAlign="middle"
      fontSize={14}
      fontStyle={bold ? 'bold' : 'normal'}
      lineHeight={1.25}
      fontFamily={DIAGRAM.font}
      fill={outOfScope ? DIAGRAM.outOfScopeInk : label ? DIAGRAM.ink : DIAGRAM.muted}
      wrap="word"
      ellipsis
      listening={false}
      perfectDrawEnabled={false}
    />
  );
}

/** The label editor of a boxed DFD element: the whole box, centred, one line (Enter commits). */
export function elementEditBox(s: { pos: { x: number; y: number }; size: { w: number; h: number } }): EditBox {
  return { rect: { ...s.pos, ...s.size }, label: 'Label', fontSize: 14, padding: 10, background: '#ffffff', align: 'center', enterCommits: true, maxLength: 200 };
}
