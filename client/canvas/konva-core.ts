/**
 * Konva's core (konva/lib/Core.js, which react-konva's core entry imports) without Tween, Animation and
 * FastLayer: the board never animates nodes nor uses a fast layer, and they cost 2.6 KB gzip of the
 * board page's first JavaScript. vite.config.ts points `konva/lib/Core.js` here; the object is the one
 * konva/lib/_CoreInternals.js builds, minus those three (and `Node.prototype.to`, which Tween adds).
 */
import { Konva as Global } from 'konva/lib/Global';
import { Util, Transform } from 'konva/lib/Util';
import { Node } from 'konva/lib/Node';
import { Container } from 'konva/lib/Container';
import { Stage, stages } from 'konva/lib/Stage';
import { Layer } from 'konva/lib/Layer';
import { Group } from 'konva/lib/Group';
import { DD } from 'konva/lib/DragAndDrop';
import { Shape, shapes } from 'konva/lib/Shape';
import { Context } from 'konva/lib/Context';
import { Canvas } from 'konva/lib/Canvas';

export const Konva = Util._assign(Global, {
  beginUpdateBatch: Node._beginUpdateBatch,
  Util,
  Transform,
  Node,
  Container,
  Stage,
  stages,
  Layer,
  Group,
  DD,
  Shape,
  shapes,
  Context,
  Canvas,
});
export default Konva;
