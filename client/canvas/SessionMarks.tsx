import { memo } from 'react';
import type { Context } from 'konva/lib/Context';
import { Circle, Group, Rect, Shape, Text } from './konva';
import { DIAGRAM } from './shapes/common';

/** An eye with a slash (24×24 path), drawn on hidden notes next to the word "hidden". */
const EYE_SLASH = 'M3 12s3.5-6 9-6 9 6 9 6-3.5 6-9 6-9-6-9-6z M12 9.5a2.5 2.5 0 1 1 0 5a2.5 2.5 0 1 1 0-5z M4 4l16 16';
let eyeSlash: Path2D | undefined;

/**
 * Strokes the icon with the browser's own SVG path parser (Path2D) rather than Konva's Path node, whose
 * parser is 3 KB gzip of the board page's first load (issue 13) for this one icon.
 */
function drawEyeSlash(ctx: Context): void {
  const c = ctx._context;
  c.save();
  c.lineWidth = 2.2;
  c.lineCap = 'round';
  c.lineJoin = 'round';
  c.strokeStyle = '#334155';
  c.stroke((eyeSlash ??= new Path2D(EYE_SLASH)));
  c.restore();
}

/**
 * The look of a hidden brainstorm note: a dashed frame and a pill with an eye-slash icon and the word
 * "hidden" (shape and text, not colour alone). Drawn over the note by the canvas; only its author ever
 * has the note.
 */
export const HiddenMark = memo(function HiddenMark({ w, h }: { w: number; h: number }) {
  const pillW = 70;
  return (
    <Group listening={false}>
      <Rect x={-3} y={-3} width={w + 6} height={h + 6} cornerRadius={7} stroke="#334155" strokeWidth={2} dash={[7, 5]} strokeScaleEnabled={false} perfectDrawEnabled={false} />
      <Group x={w - pillW - 6} y={h - 24}>
        <Rect width={pillW} height={19} cornerRadius={10} fill="#ffffff" stroke="#334155" strokeWidth={1} perfectDrawEnabled={false} />
        <Shape x={6} y={2.5} scaleX={0.58} scaleY={0.58} sceneFunc={drawEyeSlash} perfectDrawEnabled={false} />
        <Text x={24} y={0} height={19} text="hidden" verticalAlign="middle" fontSize={12} fontStyle="bold" fontFamily={DIAGRAM.font} fill="#334155" perfectDrawEnabled={false} />
      </Group>
    </Group>
  );
});

export interface Dots {
  /** This user's dots in the open vote. */
  mine: number;
  /** Dots from the closed vote's results; null while a vote is open (nobody sees a tally before close). */
  total: number | null;
}

const DOT_COLOR = '#1d4ed8';

/**
 * Dots on a threat note: while voting, the voter's own dots as filled circles on the top edge (a number
 * when there are many); after the vote, the result as a pill "● 3" on the top right.
 */
export const DotMarks = memo(function DotMarks({ w, dots }: { w: number; dots: Dots }) {
  if (dots.total !== null) {
    const label = String(dots.total);
    const pw = 30 + label.length * 8;
    return (
      <Group x={w - pw + 6} y={-12} listening={false}>
        <Rect width={pw} height={24} cornerRadius={12} fill={DOT_COLOR} stroke="#ffffff" strokeWidth={2} perfectDrawEnabled={false} />
        <Circle x={12} y={12} radius={5} fill="#ffffff" perfectDrawEnabled={false} />
        <Text x={21} y={0} height={24} text={label} verticalAlign="middle" fontSize={14} fontStyle="bold" fontFamily={DIAGRAM.font} fill="#ffffff" perfectDrawEnabled={false} />
      </Group>
    );
  }
  if (dots.mine <= 0) return null;
  const shown = Math.min(dots.mine, 5);
  return (
    <Group x={w - 14} y={-2} listening={false}>
      {Array.from({ length: shown }, (_, i) => (
        <Circle key={i} x={-i * 22} y={0} radius={10} fill={DOT_COLOR} stroke="#ffffff" strokeWidth={2.5} perfectDrawEnabled={false} />
      ))}
      {dots.mine > shown && (
        <Text x={-shown * 22 - 18} y={-8} width={24} height={16} text={`+${dots.mine - shown}`} align="right" fontSize={12} fontStyle="bold" fontFamily={DIAGRAM.font} fill={DOT_COLOR} perfectDrawEnabled={false} />
      )}
    </Group>
  );
});
