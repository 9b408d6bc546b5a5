import { memo } from 'react';
import { Group, Rect } from 'react-konva';
import type { ProcessShape } from '../../../shared/model/schema';
import { BADGE_HEIGHT, CentredLabel, DIAGRAM, SelectionFrame, ThreatBadges } from './common';
import type { ShapeViewProps } from './registry';

export function processRadius(w: number, h: number): number {
  return Math.min(w, h) * 0.35;
}

/** Process (DFD3): a strongly rounded rectangle. */
export const ProcessView = memo(function ProcessView({ shape, selected, remoteColor, editing, showText, badges }: ShapeViewProps<ProcessShape>) {
  const { w, h } = shape.size;
  const oos = shape.outOfScope;
  const r = processRadius(w, h);
  return (
    <Group x={shape.pos.x} y={shape.pos.y} listening={false}>
      <Rect
        width={w}
        height={h}
        cornerRadius={r}
        fill={oos ? DIAGRAM.outOfScopeFill : '#eef4ff'}
        stroke={oos ? DIAGRAM.outOfScopeLine : '#1e40af'}
        strokeWidth={1.75}
        dash={oos ? [8, 5] : undefined}
        perfectDrawEnabled={false}
      />
      {showText && !editing && <CentredLabel w={w} h={h} label={shape.label} placeholder="Process" outOfScope={oos} pad={Math.max(10, r * 0.45)} />}
      <ThreatBadges x={r * 0.6} y={h - BADGE_HEIGHT / 2} badges={badges} />
      <SelectionFrame w={w} h={h} selected={selected} remoteColor={remoteColor} radius={r} />
    </Group>
  );
});
