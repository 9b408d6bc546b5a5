import { isConnectTool, isPlaceTool, type Tool } from '../../editor/tools';
import { pressFlow } from './connect';
import type { Press } from './context';
import { pressHand } from './hand';
import { pressPlace } from './place';
import { pressSelect } from './select';

/** The state machine a primary-button press starts with each tool (one file per tool in this folder). */
export function pressFor(tool: Tool): Press {
  if (tool === 'select') return pressSelect;
  if (tool === 'hand') return pressHand;
  if (isConnectTool(tool)) return pressFlow;
  if (isPlaceTool(tool)) return pressPlace(tool);
  return () => null;
}

export { CanvasContext, type ConnectPreview, type Gesture, type Pointer } from './context';
export { panGesture } from './hand';
