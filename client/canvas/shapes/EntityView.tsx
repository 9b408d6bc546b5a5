import { memo } from 'react';
import { Group, Rect } from 'react-konva';
import type { EntityShape } from '../../../shared/model/schema';
import { BADGE_HEIGHT, CentredLabel, DIAGRAM, SelectionFrame, ThreatBadges } from './common';
import type { ShapeViewProps } from './registry';

/** External entity (DFD3): a sharp-cornered rectangle with a heavy outline. */
export const EntityView = memo(function EntityView({ shape, selected, remoteColor, editing, showText, badges }: ShapeViewProps<EntityShape>) {
  const { w, h } = shape.size;
  const oos = shape.outOfScope;
  return (
    <Group x={shape.pos.x} y={shape.pos.y} listening={false}>
      <Rect
        width={w}
        height={h}
        fill={oos ? DIAGRAM.outOfScopeFill : '#ffffff'}
        stroke={oos ? DIAGRAM.outOfScopeLine : DIAGRAM.ink}
        strokeWidth={3}
        dash={oos ? [8, 5] : undefined}
        perfectDrawEnabled={false}
      />
      {showText && !editing && <CentredLabel w={w} h={h} label={shape.label} placeholder="External entity" outOfScope={oos} bold />}
      <ThreatBadges x={6} y={h - BADGE_HEIGHT / 2} badges={badges} />
      <SelectionFrame w={w} h={h} selected={selected} remoteColor={remoteColor} radius={0} />
    </Group>
  );
});
