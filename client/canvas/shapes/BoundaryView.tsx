import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import type { BoundaryShape } from '../../../shared/model/schema';
import { DIAGRAM, SelectionFrame } from './common';
import type { ShapeViewProps } from './registry';

export const BOUNDARY_LABEL = { x: 10, y: 8, fontSize: 13, height: 18 };

/**
 * Trust boundary: a closed dashed rectangle with a faint fill and its label at the top-left. Always
 * drawn behind everything else (the stage puts boundaries first), so it never hides what it encloses.
 */
export const BoundaryView = memo(function BoundaryView({ shape, selected, remoteColor, editing, showText }: ShapeViewProps<BoundaryShape>) {
  const { w, h } = shape.size;
  return (
    <Group x={shape.pos.x} y={shape.pos.y} listening={false}>
      <Rect
        width={w}
        height={h}
        cornerRadius={10}
        fill="rgba(194, 65, 12, 0.035)"
        stroke={DIAGRAM.boundary}
        strokeWidth={2}
        dash={[12, 7]}
        strokeScaleEnabled={false}
        perfectDrawEnabled={false}
      />
      {showText && !editing && (
        <Text
          x={BOUNDARY_LABEL.x}
          y={BOUNDARY_LABEL.y}
          width={Math.max(8, w - 2 * BOUNDARY_LABEL.x)}
          text={shape.label || 'Trust boundary'}
          fontSize={BOUNDARY_LABEL.fontSize}
          fontStyle="bold"
          fontFamily={DIAGRAM.font}
          fill={shape.label ? '#9a3412' : '#c2410c'}
          wrap="none"
          ellipsis
          perfectDrawEnabled={false}
        />
      )}
      <SelectionFrame w={w} h={h} selected={selected} remoteColor={remoteColor} radius={10} />
    </Group>
  );
});
