/**
 * The Konva nodes the canvas draws with, and only those: `react-konva`'s default entry imports all of
 * Konva (filters, sprites, tweens, text paths …), about 20 KB gzip the board page never uses. Arrows
 * are drawn as lines (shapes/ArrowLine.tsx): Konva's Arrow would bring its Path node and SVG parser. Import
 * canvas components from here, never from './konva'; a node type used without being registered
 * here fails at once ("Konva has no node with the type …"), in every e2e test that draws it.
 */
import 'konva/lib/shapes/Rect';
import 'konva/lib/shapes/Text';
import 'konva/lib/shapes/Line';
import 'konva/lib/shapes/Circle';
// Transformer (the resize handles) registers itself in ResizeHandles.tsx, a chunk loaded on first use.

export { Circle, Group, Layer, Line, Rect, Shape, Stage, Text, Transformer } from 'react-konva/lib/ReactKonvaCore';
