import { memo } from 'react';
import { Group, Rect } from '../konva';
import type { ProcessShape } from '../../../shared/model/schema';
import { BADGE_HEIGHT, CentredLabel, DIAGRAM, elementEditBox, SelectionFrame, ThreatBadges } from './common';
import type { ClientShape, ShapeViewProps } from './types';
import { ToolIcon } from './tool-icon';
import { SelectField } from '../../ui/panels/fields';
import { RUNS_ON_OPTIONS } from '../../ui/panels/labels';

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

export const process: ClientShape<ProcessShape> = {
  kind: 'process',
  View: ProcessView,
  editBox: elementEditBox,
  tool: {
    label: 'Process',
    shortcut: 'P',
    hint: 'Click to place a process.',
    icon: (
      <ToolIcon>
        <rect x="3" y="6" width="18" height="12" rx="6" />
      </ToolIcon>
    ),
    mode: 'click',
  },
  outlineGroup: 0,
  Properties: ({ shape, readOnly, set }) => (
    <SelectField label="Runs on" value={shape.runsOn} options={RUNS_ON_OPTIONS} disabled={readOnly} onChange={(runsOn) => set({ runsOn })} />
  ),
};
