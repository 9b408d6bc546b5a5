import { memo, useMemo } from 'react';
import { Arrow, Group, Line, Rect, Text } from 'react-konva';
import { flowPoints } from '../../../shared/model/geometry';
import type { FlowShape, Shape } from '../../../shared/model/schema';
import { SELECTION_COLOR } from '../theme';
import { polylineMidpoint } from '../handles';
import { PILL, pillText as pillTextOf, pillWidth } from '../../../shared/model/labels';
import { badgesWidth, DIAGRAM, ThreatBadges } from './common';
import type { ShapeViewProps } from './registry';


export function flowPolyline(flow: FlowShape, fromShape: Shape | undefined, toShape: Shape | undefined) {
  const index = new Map<string, Shape>();
  if (fromShape) index.set(fromShape.id, fromShape);
  if (toShape) index.set(toShape.id, toShape);
  return flowPoints(flow, index);
}

/**
 * A data flow: an arrow along its polyline (arrowheads at the end, or both ends when bidirectional)
 * with its label and protocol in a pill along the line where it covers no element or other label
 * (`label`, from shared/model/labels.ts; the middle without it). Drawn from the current records of its two
 * ends, so it follows them live, whoever moves them.
 */
export const FlowView = memo(function FlowView({ shape, selected, remoteColor, editing, showText, badges, fromShape, toShape, label }: ShapeViewProps<FlowShape>) {
  const pts = useMemo(() => flowPolyline(shape, fromShape, toShape), [shape, fromShape, toShape]);
  const flat = pts.flatMap((p) => [p.x, p.y]);
  const mid = label?.at ?? polylineMidpoint(pts);
  const oos = shape.outOfScope;
  const pillText = label?.lines.join('\n') ?? pillTextOf(shape);
  const pillW = label?.rect.w ?? pillWidth(pillText);
  const pillH = label?.rect.h ?? PILL.h;
  const stroke = oos ? DIAGRAM.outOfScopeLine : DIAGRAM.line;
  const bw = badgesWidth(badges);
  return (
    <Group listening={false}>
      {(selected || remoteColor) && (
        <Line
          points={flat}
          stroke={selected ? SELECTION_COLOR : remoteColor}
          opacity={selected ? 0.35 : 0.6}
          strokeWidth={8}
          dash={selected ? undefined : [6, 4]}
          lineCap="round"
          lineJoin="round"
          strokeScaleEnabled={false}
          perfectDrawEnabled={false}
        />
      )}
      <Arrow
        points={flat}
        stroke={stroke}
        fill={stroke}
        strokeWidth={1.75}
        pointerLength={11}
        pointerWidth={10}
        pointerAtBeginning={shape.bidirectional}
        dash={oos ? [8, 5] : undefined}
        lineJoin="round"
        perfectDrawEnabled={false}
      />
      {showText && !editing && pillText && (
        <Group x={mid.x - pillW / 2} y={mid.y - pillH / 2}>
          <Rect width={pillW} height={pillH} cornerRadius={Math.min(PILL.h / 2, pillH / 2)} fill="#ffffff" stroke={stroke} strokeWidth={1} perfectDrawEnabled={false} />
          <Text
            width={pillW}
            height={pillH}
            lineHeight={PILL.lineH / PILL.fontSize}
            padding={0}
            text={pillText}
            align="center"
            verticalAlign="middle"
            fontSize={PILL.fontSize}
            fontFamily={DIAGRAM.font}
            fill={oos ? DIAGRAM.outOfScopeInk : DIAGRAM.ink}
            wrap="none"
            ellipsis
            perfectDrawEnabled={false}
          />
        </Group>
      )}
      <ThreatBadges x={mid.x - bw / 2} y={mid.y + (pillText ? pillH / 2 + 3 : 6)} badges={badges} />
    </Group>
  );
});
