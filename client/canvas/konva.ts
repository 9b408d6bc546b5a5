/**
 * The Konva nodes the canvas draws with, and only those: `react-konva`'s default entry imports all of
 * Konva (filters, sprites, tweens, text paths …), about 20 KB gzip the board page never uses. Import
 * canvas components from here, never from './konva'; a node type used without being registered
 * here fails at once ("Konva has no node with the type …"), in every e2e test that draws it.
 */
import 'konva/lib/shapes/Rect';
import 'konva/lib/shapes/Text';
import 'konva/lib/shapes/Line';
import 'konva/lib/shapes/Arrow';
import 'konva/lib/shapes/Circle';
import 'konva/lib/shapes/Path';
// Transformer (the resize handles) registers itself in ResizeHandles.tsx, a chunk loaded on first use.

export { Arrow, Circle, Group, Layer, Line, Path, Rect, Stage, Text, Transformer } from 'react-konva/lib/ReactKonvaCore';
