import { memo, useMemo } from 'react';
import { boundaryCrossings, flowPoints } from '../../../shared/model/geometry';
import { CheckField, ReadOnlyRow, SelectField } from '../../ui/panels/fields';
import { PROTOCOL_OPTIONS, shapeName } from '../../ui/panels/labels';
import { ToolIcon } from './tool-icon';
import { Group, Line, Rect, Text } from '../konva';
import { ArrowLine } from './ArrowLine';
import type { FlowShape, Shape } from '../../../shared/model/schema';
import { SELECTION_COLOR } from '../theme';
import { polylineMidpoint } from '../handles';
import { PILL, pillText as pillTextOf, pillWidth } from '../../../shared/model/labels';
import { badgesWidth, DIAGRAM, ThreatBadges } from './common';
import type { ClientShape, PropertiesProps, ShapeViewProps } from './types';


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
      <ArrowLine points={flat} stroke={stroke} strokeWidth={1.75} pointerLength={11} pointerWidth={10} pointerAtBeginning={shape.bidirectional} dash={oos ? [8, 5] : undefined} />
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

/** Between which elements, which boundaries it crosses, protocol and security properties. */
function FlowFields({ shape: flow, readOnly, set, byId, list }: PropertiesProps<FlowShape>) {
  const crossed = useMemo(() => boundaryCrossings(list.filter((s) => s.view === flow.view)).get(flow.id) ?? [], [list, flow.view, flow.id]);
  const end = (id: string | null) => (id ? shapeName(byId.get(id)) : 'a free end');
  return (
    <>
      <ReadOnlyRow label="Between">
        {end(flow.from)} {flow.bidirectional ? '↔' : '→'} {end(flow.to)}
      </ReadOnlyRow>
      <ReadOnlyRow label="Trust boundaries">
        {crossed.length ? `⚠ Crosses ${crossed.map((id) => shapeName(byId.get(id))).join(', ')}` : 'Crosses none'}
      </ReadOnlyRow>
      <SelectField label="Protocol" value={flow.protocol} options={PROTOCOL_OPTIONS} disabled={readOnly} onChange={(protocol) => set({ protocol })} />
      <fieldset className="prop-group">
        <legend>Security properties</legend>
        <CheckField label="Bidirectional" checked={flow.bidirectional} disabled={readOnly} onChange={(bidirectional) => set({ bidirectional })} />
        <CheckField label="Encrypted" checked={flow.encrypted} disabled={readOnly} onChange={(encrypted) => set({ encrypted })} />
        <CheckField label="Authenticated" checked={flow.authenticated} disabled={readOnly} onChange={(authenticated) => set({ authenticated })} />
        <CheckField label="Crosses the internet" checked={flow.crossesInternet} disabled={readOnly} onChange={(crossesInternet) => set({ crossesInternet })} />
      </fieldset>
    </>
  );
}

export const flow: ClientShape<FlowShape> = {
  kind: 'flow',
  View: FlowView,
  editBox(s, byId) {
    const from = s.from ? byId.get(s.from) : undefined;
    const to = s.to ? byId.get(s.to) : undefined;
    const mid = polylineMidpoint(flowPolyline(s, from, to));
    return { rect: { x: mid.x - 100, y: mid.y - 15, w: 200, h: 30 }, label: 'Data flow label', fontSize: 13, padding: 5, background: '#ffffff', align: 'center', enterCommits: true, maxLength: 200 };
  },
  tool: {
    label: 'Data flow',
    shortcut: 'F',
    hint: 'Press on an element and drag to another element to connect them.',
    icon: (
      <ToolIcon>
        <path d="M4 18L19 6M19 6h-6M19 6v6" />
      </ToolIcon>
    ),
    mode: 'connect',
  },
  outlineGroup: 1,
  Properties: FlowFields,
};
