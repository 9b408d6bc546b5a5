import { describe, expect, it } from 'vitest';
import { joinChoice } from '../../client/session';

describe('opening an invite link in a browser that may already be on the board', () => {
  it('joins when this browser has no session for the board', () => {
    expect(joinChoice(null, 'participant')).toBe('join');
  });

  it('continues as the stored person for a link of the same role or less', () => {
    expect(joinChoice({ role: 'participant' }, 'participant')).toBe('continue');
    expect(joinChoice({ role: 'participant' }, 'viewer')).toBe('continue');
    expect(joinChoice({ role: 'facilitator' }, 'participant')).toBe('continue');
  });

  it('offers a choice for a link that gives more', () => {
    expect(joinChoice({ role: 'participant' }, 'facilitator')).toBe('choose');
    expect(joinChoice({ role: 'viewer' }, 'participant')).toBe('choose');
  });
});
