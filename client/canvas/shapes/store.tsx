import { memo } from 'react';
import { Group, Line, Rect } from '../konva';
import type { StoreShape } from '../../../shared/model/schema';
import { BADGE_HEIGHT, CentredLabel, DIAGRAM, elementEditBox, SelectionFrame, ThreatBadges } from './common';
import type { ClientShape, ShapeViewProps } from './types';
import { ToolIcon } from './tool-icon';
import { CheckField } from '../../ui/panels/fields';

/** Data store (DFD3): two parallel lines, open at both ends, with the label between them. */
export const StoreView = memo(function StoreView({ shape, selected, remoteColor, editing, showText, badges }: ShapeViewProps<StoreShape>) {
  const { w, h } = shape.size;
  const oos = shape.outOfScope;
  const stroke = oos ? DIAGRAM.outOfScopeLine : '#166534';
  return (
    <Group x={shape.pos.x} y={shape.pos.y} listening={false}>
      <Rect width={w} height={h} fill={oos ? DIAGRAM.outOfScopeFill : '#f0faf2'} perfectDrawEnabled={false} />
      <Line points={[0, 0, w, 0]} stroke={stroke} strokeWidth={2.5} dash={oos ? [8, 5] : undefined} perfectDrawEnabled={false} />
      <Line points={[0, h, w, h]} stroke={stroke} strokeWidth={2.5} dash={oos ? [8, 5] : undefined} perfectDrawEnabled={false} />
      {showText && !editing && <CentredLabel w={w} h={h} label={shape.label} placeholder="Data store" outOfScope={oos} />}
      <ThreatBadges x={6} y={h - BADGE_HEIGHT / 2} badges={badges} />
      <SelectionFrame w={w} h={h} selected={selected} remoteColor={remoteColor} radius={0} />
    </Group>
  );
});

export const store: ClientShape<StoreShape> = {
  kind: 'store',
  View: StoreView,
  editBox: elementEditBox,
  tool: {
    label: 'Data store',
    shortcut: 'S',
    hint: 'Click to place a data store.',
    icon: (
      <ToolIcon>
        <path d="M3 7h18M3 17h18" strokeWidth={2.2} />
      </ToolIcon>
    ),
    mode: 'click',
  },
  outlineGroup: 0,
  Properties: ({ shape, readOnly, set }) => (
    <fieldset className="prop-group">
      <legend>Contents</legend>
      <CheckField label="Holds patient data" checked={shape.holdsPatientData} disabled={readOnly} onChange={(holdsPatientData) => set({ holdsPatientData })} />
      <CheckField label="Is a log" checked={shape.isLog} disabled={readOnly} onChange={(isLog) => set({ isLog })} />
    </fieldset>
  ),
};
