import { memo } from 'react';
import { Group, Rect } from '../konva';
import type { EntityShape } from '../../../shared/model/schema';
import { BADGE_HEIGHT, CentredLabel, DIAGRAM, elementEditBox, SelectionFrame, ThreatBadges } from './common';
import type { ClientShape, ShapeViewProps } from './types';
import { ToolIcon } from './tool-icon';

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

export const entity: ClientShape<EntityShape> = {
  kind: 'entity',
  View: EntityView,
  editBox: elementEditBox,
  tool: {
    label: 'External entity',
    shortcut: 'E',
    hint: 'Click to place an external entity.',
    icon: (
      <ToolIcon>
        <rect x="3.5" y="6" width="17" height="12" strokeWidth={2.6} />
      </ToolIcon>
    ),
    mode: 'click',
  },
  outlineGroup: 0,
};
