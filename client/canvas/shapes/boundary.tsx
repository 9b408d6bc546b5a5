import { memo } from 'react';
import { Group, Rect, Text } from '../konva';
import type { BoundaryShape } from '../../../shared/model/schema';
import { DIAGRAM, SelectionFrame } from './common';
import type { ClientShape, ShapeViewProps } from './types';
import { ToolIcon } from './tool-icon';

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

export const boundary: ClientShape<BoundaryShape> = {
  kind: 'boundary',
  View: BoundaryView,
  editBox: (s) => ({
    rect: { x: s.pos.x + BOUNDARY_LABEL.x - 4, y: s.pos.y + BOUNDARY_LABEL.y - 4, w: Math.min(Math.max(120, s.size.w - 2 * BOUNDARY_LABEL.x), 320), h: 28 },
    label: 'Trust boundary label',
    fontSize: BOUNDARY_LABEL.fontSize,
    padding: 4,
    background: '#fff7ed',
    align: 'left',
    bold: true,
    enterCommits: true,
    maxLength: 200,
  }),
  tool: {
    label: 'Trust boundary',
    shortcut: 'B',
    hint: 'Drag to draw a trust boundary, or click for the default size.',
    icon: (
      <ToolIcon>
        <rect x="3" y="4" width="18" height="16" rx="2" strokeDasharray="3.5 2.5" />
      </ToolIcon>
    ),
    mode: 'draw',
  },
  behind: true,
  grab(s, p) {
    const w = Math.min(s.size.w, Math.max(120, (s.label || 'Trust boundary').length * 8 + 24));
    return p.x >= s.pos.x && p.x <= s.pos.x + w && p.y >= s.pos.y && p.y <= s.pos.y + 30;
  },
  outlineGroup: 2,
};
