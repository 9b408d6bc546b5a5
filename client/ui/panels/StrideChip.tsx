import type { Stride } from '../../../shared/model/schema';
import { STRIDE_COLORS } from '../../../shared/threats/stride';
import { strideName } from './labels';

/**
 * A STRIDE letter as a chip. `state` covered: filled with the letter's colour and a check mark; gap:
 * outlined with the word "gap". The letter and the words carry the meaning, the colour only helps.
 */
export function StrideChip({ letter, state = 'plain' }: { letter: Stride; state?: 'plain' | 'covered' | 'gap' }) {
  const style = state === 'gap' ? undefined : { background: STRIDE_COLORS[letter] };
  return (
    <span className={`stride-chip ${state}`} style={style} title={`${strideName(letter)}${state === 'covered' ? ': covered' : state === 'gap' ? ': no threat yet' : ''}`}>
      {state === 'covered' && <span aria-hidden="true">✓ </span>}
      <strong>{letter}</strong>
      {state === 'gap' && <span className="chip-gap"> gap</span>}
      <span className="visually-hidden">
        {' '}
        {strideName(letter)}
        {state === 'covered' ? ', covered' : ''}
      </span>
    </span>
  );
}
