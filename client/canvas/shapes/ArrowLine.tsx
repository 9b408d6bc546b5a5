import { Group, Line } from '../konva';

interface Props {
  /** The polyline, flat: x0, y0, x1, y1, … */
  points: number[];
  stroke: string;
  strokeWidth: number;
  pointerLength: number;
  pointerWidth: number;
  /** A head at the first point too (bidirectional flows). */
  pointerAtBeginning?: boolean;
  dash?: number[];
}

/** The three corners of an arrowhead with its tip at (x2, y2), pointing away from (x1, y1). */
function head(x1: number, y1: number, x2: number, y2: number, length: number, width: number): number[] {
  const d = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / d;
  const uy = (y2 - y1) / d;
  const bx = x2 - ux * length;
  const by = y2 - uy * length;
  const hw = width / 2;
  return [x2, y2, bx - uy * hw, by + ux * hw, bx + uy * hw, by - ux * hw];
}

/**
 * A polyline with filled arrowheads, drawn as Konva lines. Konva's own Arrow node brings its Path node
 * and SVG path parser along (4 KB gzip of the board page's first load, issue 13) for straight segments
 * that need none of it. Draws nothing to hit: callers use it where the canvas does not listen.
 */
export function ArrowLine({ points, stroke, strokeWidth, pointerLength, pointerWidth, pointerAtBeginning, dash }: Props) {
  const n = points.length;
  const tip = (i: number, j: number) => head(points[i]!, points[i + 1]!, points[j]!, points[j + 1]!, pointerLength, pointerWidth);
  return (
    <Group listening={false}>
      <Line points={points} stroke={stroke} strokeWidth={strokeWidth} dash={dash} lineJoin="round" perfectDrawEnabled={false} />
      {n >= 4 && <Line points={tip(n - 4, n - 2)} closed fill={stroke} stroke={stroke} strokeWidth={strokeWidth} lineJoin="round" perfectDrawEnabled={false} />}
      {n >= 4 && pointerAtBeginning && <Line points={tip(2, 0)} closed fill={stroke} stroke={stroke} strokeWidth={strokeWidth} lineJoin="round" perfectDrawEnabled={false} />}
    </Group>
  );
}
