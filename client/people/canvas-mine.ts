import { useMemo } from 'react';
import type { Shape } from '../../shared/model/schema';
import type { Editor } from '../editor/editor';
import { useStore } from '../lib/useStore';
import { registerUi } from '../register/state';
import { isMine } from './mine';

/**
 * "Assigned to me" on the canvas: while the filter is on (the same flag as the register's), the ids of the
 * shapes to keep bright — the threats I own — and null when it is off. Everything else is drawn dimmed.
 */
export function useMineHighlight(editor: Editor, shapes: readonly Shape[]): ReadonlySet<string> | null {
  const on = useStore(registerUi(editor.session).filters).mine;
  const myName = editor.me.name;
  return useMemo(() => (on ? new Set(shapes.filter((s) => s.kind === 'threat' && isMine(s.owner, myName)).map((s) => s.id)) : null), [on, shapes, myName]);
}

/** How faded a shape not assigned to me is drawn while "Assigned to me" is on. */
export const DIMMED_OPACITY = 0.22;
