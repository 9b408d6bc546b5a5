import * as cvssModule from 'ae-cvss-calculator';

/**
 * CVSS 3.x base scores, computed by {metæffekt}'s ae-cvss-calculator (a maintained implementation of the
 * FIRST specification) so that no scoring formula is written here. What is ours is the strictness: the
 * library is lenient (it fills missing metrics with "X", ignores a trailing ":K", lets a repeated metric
 * override an earlier one), while a register entry must be a complete, unambiguous vector, so the syntax is
 * checked first and the library only scores what passed.
 *
 * A score is an input to the safety decision, never the decision: the register keeps harm severity and
 * exploitability separately (see matrix.ts).
 */
export type CvssSeverity = 'None' | 'Low' | 'Medium' | 'High' | 'Critical';
export type CvssResult = { score: number; severity: CvssSeverity; vector: string } | { error: string };

type Lib = typeof cvssModule;
// The package is a UMD bundle: Node's ESM loader exposes its exports as the default export, a bundler as
// named exports. Take whichever holds the classes.
const lib: Lib = (cvssModule as unknown as { default?: Lib }).default?.Cvss3P1 ? (cvssModule as unknown as { default: Lib }).default : cvssModule;

const BASE_METRICS: Readonly<Record<string, readonly string[]>> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: ['H', 'L', 'N'],
  I: ['H', 'L', 'N'],
  A: ['H', 'L', 'N'],
};
const OPTIONAL_METRICS = ['E', 'RL', 'RC', 'CR', 'IR', 'AR', 'MAV', 'MAC', 'MPR', 'MUI', 'MS', 'MC', 'MI', 'MA'];

const SEVERITY_NAMES: Readonly<Record<string, CvssSeverity>> = {
  NONE: 'None',
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  CRITICAL: 'Critical',
};

/** Syntax problems of a vector, in words; empty when it is a complete CVSS 3.0/3.1 vector. */
export function cvssVectorProblems(vector: string): string[] {
  const v = vector.trim();
  if (v === '') return ['the vector is empty'];
  if (v.length > 200) return ['the vector is longer than 200 characters'];
  const m = /^CVSS:(3\.[01])\/(.*)$/.exec(v);
  if (!m) return ['a CVSS 3.x vector starts with "CVSS:3.1/" (or "CVSS:3.0/")'];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const part of m[2]!.split('/')) {
    const kv = /^([A-Z]{1,3}):([A-Z])$/.exec(part);
    if (!kv) {
      problems.push(`"${part}" is not a metric like AV:N`);
      continue;
    }
    const [, key, value] = kv as unknown as [string, string, string];
    if (seen.has(key)) problems.push(`metric ${key} appears twice`);
    seen.add(key);
    const allowed = BASE_METRICS[key];
    if (allowed && !allowed.includes(value)) problems.push(`${key}:${value} is not a valid value (${key} takes ${allowed.join(', ')})`);
    if (!allowed && !OPTIONAL_METRICS.includes(key)) problems.push(`${key} is not a CVSS 3 metric`);
  }
  const missing = Object.keys(BASE_METRICS).filter((k) => !seen.has(k));
  if (missing.length) problems.push(`base metric${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`);
  return problems;
}

/** The base score and its qualitative severity, or why the vector cannot be scored. */
export function cvssScore(vector: string): CvssResult {
  const problems = cvssVectorProblems(vector);
  if (problems.length) return { error: `invalid CVSS vector: ${problems.join('; ')}` };
  const v = vector.trim();
  try {
    const calc = v.startsWith('CVSS:3.0/') ? new lib.Cvss3P0(v) : new lib.Cvss3P1(v);
    if (!calc.isBaseFullyDefined()) return { error: 'invalid CVSS vector: the base metrics are incomplete' };
    const json = calc.createJsonSchema() as { baseScore?: unknown; baseSeverity?: unknown };
    const score = json.baseScore;
    const severity = SEVERITY_NAMES[String(json.baseSeverity)];
    if (typeof score !== 'number' || !Number.isFinite(score) || !severity) return { error: 'invalid CVSS vector: no base score' };
    return { score, severity, vector: v };
  } catch (err) {
    return { error: `invalid CVSS vector: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** "9.8 Critical", or '' for no vector, or "invalid" for a vector that cannot be scored. */
export function cvssSummary(vector: string): string {
  if (vector.trim() === '') return '';
  const r = cvssScore(vector);
  return 'error' in r ? 'invalid' : `${r.score.toFixed(1)} ${r.severity}`;
}
