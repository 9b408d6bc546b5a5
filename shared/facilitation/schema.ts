import { z } from 'zod';

/**
 * The facilitation document (`<boardId>/facilitation`): written by facilitators (and the server), read
 * by everyone on the board. It never holds anything secret: hidden notes and ballots live in each
 * user's private document, and only counts and closed-vote results are written here.
 */
const id = z.string().min(1).max(64);

export const AgendaItem = z.object({
  id,
  title: z.string().max(200).default('Untitled step'),
  prompt: z.string().max(2000).default(''),
  order: z.string().min(1).max(128).default('a0'),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

/** The four questions of the Threat Modeling Manifesto: the default agenda of a workshop. */
export const DEFAULT_AGENDA: { title: string; prompt: string }[] = [
  { title: 'What are we working on?', prompt: 'Draw the system: elements, data flows and trust boundaries, one view at a time.' },
  { title: 'What can go wrong?', prompt: 'Write threats on the diagram. Walk each element and flow through STRIDE.' },
  { title: 'What are we going to do about it?', prompt: 'Decide a response for each threat: eliminate, mitigate, accept or transfer.' },
  { title: 'Did we do a good enough job?', prompt: 'Review the coverage gaps and the threats without a response.' },
];

/**
 * A countdown stored as an anchor, never as ticks: while running, `endsAt` (server clock, ms); while
 * paused, `remainingMs`. Every client computes the same remaining time from it.
 */
export const Timer = z.object({
  status: z.enum(['idle', 'running', 'paused']).default('idle'),
  endsAt: z.number().default(0),
  remainingMs: z.number().nonnegative().default(0),
  durationMs: z.number().nonnegative().default(0),
});
export type Timer = z.infer<typeof Timer>;

export const Camera = z.object({ x: z.number().finite(), y: z.number().finite(), zoom: z.number().positive().max(100) });
export type Camera = z.infer<typeof Camera>;

/** "Bring everyone to my view" (follow false, applied once per seq) or "follow me" (until released). */
export const Focus = z.object({
  seq: z.number().int().nonnegative(),
  by: z.string().max(64),
  view: z.string().max(64),
  camera: Camera,
  follow: z.boolean().default(false),
});
export type Focus = z.infer<typeof Focus>;

export const Brainstorm = z.object({ view: z.string().max(64), startedAt: z.number().default(0) });
export type Brainstorm = z.infer<typeof Brainstorm>;

export const Group = z.object({
  id,
  name: z.string().max(100).default('Group'),
  view: z.string().max(64).default(''),
  members: z.array(z.string().max(64)).max(500).default([]),
  order: z.string().min(1).max(128).default('a0'),
});
export type Group = z.infer<typeof Group>;

export const VoteScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('view'), view: z.string().max(64) }),
  z.object({ kind: z.literal('all') }),
]);
export type VoteScope = z.infer<typeof VoteScope>;

export const VoteResults = z.object({
  /** Dots per threat id, only threats that got at least one. */
  tallies: z.record(z.string(), z.number().int().nonnegative()),
  voters: z.number().int().nonnegative(),
  /** Dots the server refused: over budget, several on one note when not allowed, or not a candidate. */
  ignored: z.number().int().nonnegative(),
  closedAt: z.number(),
});
export type VoteResults = z.infer<typeof VoteResults>;

/**
 * A dot vote. The facilitator opens it and asks to close it (`closing`); the server then tallies every
 * ballot and sets `closed` with the results. Nobody sees a partial tally before that.
 */
export const Vote = z.object({
  id,
  title: z.string().max(200).default('Vote'),
  status: z.enum(['open', 'closing', 'closed']).default('open'),
  scope: VoteScope.default({ kind: 'all' }),
  budget: z.number().int().min(1).max(100).default(3),
  allowMultiple: z.boolean().default(false),
  /** Runs on the shared timer: the server closes the vote when the timer reaches zero (pauses count). */
  timed: z.boolean().default(false),
  startedAt: z.number().default(0),
  results: VoteResults.nullable().default(null),
});
export type Vote = z.infer<typeof Vote>;

/** Written by the server only: how many hidden notes each person has (never their content). */
export const HiddenCount = z.object({ name: z.string().max(60).default(''), count: z.number().int().nonnegative().default(0) });
export type HiddenCount = z.infer<typeof HiddenCount>;

/** The private document of one user: hidden brainstorm notes and ballots. */
export const Ballot = z.record(z.string().max(64), z.number().int().min(0).max(100));
export type Ballot = z.infer<typeof Ballot>;
