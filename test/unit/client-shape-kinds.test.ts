import { afterAll, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import * as Y from 'yjs';
import { z } from 'zod';
import { Awareness } from 'y-protocols/awareness';
import type { Shape, ShapeKind } from '../../shared/model/schema';
import { pointInRect, rectOf } from '../../shared/model/rect';
import { boxed, ShapeBase, label } from '../../shared/model/shapes/common';
import { registerShapeKind } from '../../shared/model/shapes/index';
import type { ShapeKindModule } from '../../shared/model/shapes/types';
import { registerClientShape, shapeModule, shapeModules, type ClientShape } from '../../client/canvas/shapes/registry';
import { Editor } from '../../client/editor/editor';
import { TEXT_FIELD } from '../../client/editor/kinds';
import { isPlaceTool, PLACE_SIZE, placeMode, toolHint, TOOLS, type Tool } from '../../client/editor/tools';
import { Facilitation } from '../../client/facilitation/session';
import type { ServerClock } from '../../client/sync/clock';
import type { BoardConnection } from '../../client/sync/connect';
import { createStatusStore } from '../../client/sync/status';
import { outlineEntries } from '../../client/ui/Outline';
import { Toolbar } from '../../client/ui/Toolbar';

/**
 * A shape kind on the client is one module (`client/canvas/shapes/<kind>.tsx`) and one registry line:
 * registering a throwaway kind's module is enough for it to appear in the toolbar (button, icon,
 * shortcut, hint), to place at its own size, to be edited in its own field and to be listed in the
 * outline, with no other client file touched. (The shared half is test/unit/shape-kind-registry.test.ts.)
 */
const KIND = 'sticker' as ShapeKind;

/** The shared half: what every side knows (test/unit/shape-kind-registry.test.ts exercises the rest). */
const StickerShape = ShapeBase.extend({ kind: z.literal('sticker'), ...boxed({ w: 90, h: 90 }), label });
const stickerData = {
  kind: 'sticker',
  label: 'Sticker',
  schema: StickerShape,
  defaultSize: { w: 90, h: 90 },
  textField: 'label',
  text: (s) => s.label,
  isElement: false,
  inDiagram: false,
  connectable: false,
  avoidedByLabels: false,
  lockable: true,
  stride: [],
  bounds: (s) => rectOf(s),
  hit: (s, p) => pointInRect(p, rectOf(s)),
  svgLayer: 3,
  svg: () => '',
  td: null,
} satisfies ShapeKindModule<z.infer<typeof StickerShape>>;

/** The client half, what `client/canvas/shapes/sticker.tsx` would hold. */
const sticker = {
  kind: KIND,
  View: () => null,
  editBox: (s: { pos: { x: number; y: number } }) => ({
    rect: { ...s.pos, w: 90, h: 90 },
    label: 'Sticker label',
    fontSize: 14,
    padding: 6,
    background: '#ffffff',
    align: 'center',
    enterCommits: true,
    maxLength: 80,
  }),
  tool: {
    label: 'Sticker',
    shortcut: 'K',
    hint: 'Click to place a sticker.',
    icon: createElement('circle', { cx: 12, cy: 12, r: 8, 'data-sticker-icon': '' }),
    mode: 'click',
  },
  outlineGroup: 0,
} as unknown as ClientShape;

const open: { ed: Editor; fac: Facilitation }[] = [];
function editor(): Editor {
  const doc = new Y.Doc();
  const conn: BoardConnection = { doc, awareness: new Awareness(doc), provider: null as never, status: createStatusStore(), holdSync: () => undefined, destroy: () => undefined };
  const me = { userId: 'user-participant-000', name: 'participant', role: 'participant' as const };
  const fac = new Facilitation(new Y.Doc(), new Y.Doc(), me, { now: () => 1_000_000 } as unknown as ServerClock);
  const ed = new Editor(conn, me, fac);
  open.push({ ed, fac });
  return ed;
}
afterAll(() => {
  for (const { ed, fac } of open.splice(0)) {
    ed.destroy();
    fac.destroy();
  }
});

const toolbar = () => renderToStaticMarkup(createElement(Toolbar, { editor: editor() }));

describe('a shape kind registered on the client', () => {
  it('is not there before it is registered', () => {
    expect(toolbar()).not.toContain('aria-label="Sticker"');
    expect(TOOLS.some((t) => t.id === KIND)).toBe(false);
    expect(() => shapeModule(KIND)).toThrow();
  });

  it('appears in the toolbar with its icon, shortcut and hint, and places at its own size', () => {
    registerShapeKind(stickerData);
    registerClientShape(sticker);
    expect(shapeModules().at(-1)).toBe(sticker);
    const html = toolbar();
    expect(html).toContain('aria-label="Sticker"');
    expect(html).toContain('title="Sticker (K)"');
    expect(html).toContain('aria-keyshortcuts="K"');
    expect(html).toContain('data-sticker-icon');
    // The built-in tools keep their order; the new one comes after them.
    const labels = [...html.matchAll(/class="tool-button" aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(labels).toEqual(['Select', 'Hand', 'Note', 'External entity', 'Process', 'Data store', 'Data flow', 'Trust boundary', 'Text', 'Sticker', 'Undo', 'Redo']);
    expect(TOOLS.find((t) => t.id === KIND)).toMatchObject({ label: 'Sticker', shortcut: 'K', edits: true, whileLocked: false });
    expect(isPlaceTool(KIND as Tool)).toBe(true);
    expect(placeMode(KIND)).toBe('click');
    expect(toolHint(KIND as Tool)).toBe('Click to place a sticker.');
    expect(PLACE_SIZE[KIND]).toEqual({ w: 90, h: 90 });
    expect(TEXT_FIELD[KIND]).toBe('label');
  });

  it('is listed in the outline, in its group, named by its text', () => {
    const base = { view: 'main', z: 'a0', createdBy: 'u', createdAt: 0, v: 1 };
    const shapes = [
      { ...base, kind: 'note', id: 'n1', pos: { x: 0, y: 0 }, size: { w: 10, h: 10 }, text: 'An idea', color: 'yellow' },
      { ...base, kind: KIND, id: 's1', pos: { x: 0, y: 0 }, label: 'Lucky sticker' },
      { ...base, kind: 'boundary', id: 'b1', pos: { x: 0, y: 0 }, size: { w: 10, h: 10 }, label: 'Hospital' },
      { ...base, kind: KIND, id: 's2', view: 'other', pos: { x: 0, y: 0 }, label: 'Elsewhere' },
    ] as unknown as Shape[];
    const entries = outlineEntries(shapes, new Map(shapes.map((s) => [s.id, s])), 'main');
    expect(entries.map((e) => [e.shape.id, e.text])).toEqual([
      ['s1', 'Lucky sticker'],
      ['b1', 'Hospital'],
      ['n1', 'An idea'],
    ]);
    expect(entries[0]!.tag).toEqual({ name: 'Sticker', className: 'kind-sticker' });
  });
});
