import { describe, expect, it } from 'vitest';
import { cvssScore, cvssSummary, cvssVectorProblems } from '../../shared/risk/cvss';

describe('CVSS 3.1 through ae-cvss-calculator', () => {
  it('scores known vectors as FIRST publishes them', () => {
    expect(cvssScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({
      score: 9.8,
      severity: 'Critical',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    });
    // Scope changed: the 10.0 case.
    expect(cvssScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H')).toMatchObject({ score: 10, severity: 'Critical' });
    // A BLE attack from nearby needing a paired phone: adjacent, low privileges.
    expect(cvssScore('CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:H')).toMatchObject({ score: 7.3, severity: 'High' });
    expect(cvssScore('CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L')).toMatchObject({ score: 1.6, severity: 'Low' });
    expect(cvssScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N')).toMatchObject({ score: 0, severity: 'None' });
    expect(cvssScore('CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N')).toMatchObject({ score: 5.5, severity: 'Medium' });
  });

  it('accepts optional temporal metrics but reports the base score', () => {
    expect(cvssScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O')).toMatchObject({ score: 9.8 });
  });

  it('scores CVSS 3.0 vectors with the 3.0 rules', () => {
    expect(cvssScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatchObject({ score: 9.8, severity: 'Critical' });
  });

  it('refuses invalid vectors with a clear error instead of a guessed score', () => {
    const bad: [string, RegExp][] = [
      ['', /empty/],
      ['garbage', /starts with "CVSS:3\.1\/"/],
      ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /starts with/],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', /starts with/],
      ['CVSS:3.1/AV:N/AC:L', /base metrics PR, UI, S, C, I, A missing/],
      ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /AV:Q is not a valid value/],
      ['CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /AV appears twice/],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:Q', /ZZ is not a CVSS 3 metric/],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H:K', /"A:H:K" is not a metric/],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', /"" is not a metric/],
    ];
    for (const [vector, why] of bad) {
      const r = cvssScore(vector);
      expect('error' in r, vector).toBe(true);
      if ('error' in r) expect(r.error).toMatch(why);
    }
    expect(cvssVectorProblems('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual([]);
  });

  it('summarises for a register cell', () => {
    expect(cvssSummary('')).toBe('');
    expect(cvssSummary('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe('9.8 Critical');
    expect(cvssSummary('nope')).toBe('invalid');
  });
});
