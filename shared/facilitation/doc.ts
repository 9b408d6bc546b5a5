import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { newId } from '../model/board-doc';
import { plain, toYMap, type RecordMap, recordFields } from '../model/ymap';
import { parseWith, Shape, type ShapeInput } from '../model/schema';
import {
  AgendaItem,
  Brainstorm,
  DEFAULT_AGENDA,
  Focus,
  Group,
  HiddenCount,
  Timer,
  Vote,
  type Camera,
  type VoteScope,
} from './schema';

/**
 * Typed access to the facilitation document and to a user's private document. As for the board
 * document, nothing outside shared/ touches their Y.Maps.
 */

export function facilitationMaps(doc: Y.Doc) {
  return {
    agenda: doc.getMap<RecordMap>('agenda'),
    /** Scalars and small JSON values: phase, timer, focus, brainstorm, cursorsHidden, revealSeq. */
    state: doc.getMap<unknown>('state'),
    /** view id → true while its diagram is locked. */
    locks: doc.getMap<boolean>('locks'),
    groups: doc.getMap<RecordMap>('groups'),
    votes: doc.getMap<RecordMap>('votes'),
    /** Server-written: user id → { name, count } of hidden brainstorm notes. */
    hidden: doc.getMap<unknown>('hidden'),
    /** Server-written: vote id → (user id → true) for everyone who has placed a dot. */
    voted: doc.getMap<Y.Map<boolean>>('voted'),
    /** user id → time the facilitator lowered their hand; a hand raised later is up again. */
    handsLowered: doc.getMap<number>('handsLowered'),
  };
}

export function privateMaps(doc: Y.Doc) {
  return {
    /** Hidden brainstorm notes: shape records, revealed into the board in place. */
    notes: doc.getMap<RecordMap>('notes'),
    /** vote id → (threat id → number of dots). */
    ballots: doc.getMap<Y.Map<number>>('ballots'),
  };
}

function parsed<T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, raw: unknown, fallback: T): T {
  const r = schema.safeParse(plain(raw));
  return r.success ? (r.data as T) : fallback;
}

function records<T extends { id: string; order?: string }>(map: Y.Map<RecordMap>, schema: Parameters<typeof parseWith<T>>[0]): T[] {
  const out: T[] = [];
  map.forEach((m, key) => {
    if (!(m instanceof Y.Map)) return;
    const r = parseWith(schema, { ...recordFields(m), id: key });
    if (r.ok) out.push(r.value);
  });
  return out.sort((a, b) => ((a.order ?? '') < (b.order ?? '') ? -1 : (a.order ?? '') > (b.order ?? '') ? 1 : a.id.localeCompare(b.id)));
}

export interface FacilitationState {
  agenda: AgendaItem[];
  phase: string | null;
  timer: Timer;
  focus: Focus | null;
  brainstorm: Brainstorm | null;
  cursorsHidden: boolean;
  revealSeq: number;
  locks: Set<string>;
  groups: Group[];
  votes: Vote[];
  hidden: Record<string, HiddenCount>;
  voted: Record<string, number>;
  handsLowered: Record<string, number>;
}

export function readFacilitation(doc: Y.Doc): FacilitationState {
  const f = facilitationMaps(doc);
  const phase = f.state.get('phase');
  const hidden: Record<string, HiddenCount> = {};
  f.hidden.forEach((v, k) => (hidden[k] = parsed(HiddenCount, v, { name: '', count: 0 })));
  const voted: Record<string, number> = {};
  f.voted.forEach((v, k) => (voted[k] = v instanceof Y.Map ? v.size : 0));
  const handsLowered: Record<string, number> = {};
  f.handsLowered.forEach((v, k) => (handsLowered[k] = typeof v === 'number' ? v : 0));
  const locks = new Set<string>();
  f.locks.forEach((v, k) => v === true && locks.add(k));
  const revealSeq = f.state.get('revealSeq');
  return {
    agenda: records(f.agenda, AgendaItem),
    phase: typeof phase === 'string' ? phase : null,
    timer: parsed(Timer, f.state.get('timer') ?? {}, Timer.parse({})),
    focus: parsed(Focus.nullable(), f.state.get('focus') ?? null, null),
    brainstorm: parsed(Brainstorm.nullable(), f.state.get('brainstorm') ?? null, null),
    cursorsHidden: f.state.get('cursorsHidden') === true,
    revealSeq: typeof revealSeq === 'number' ? revealSeq : 0,
    locks,
    groups: records(f.groups, Group),
    votes: records(f.votes, Vote).sort((a, b) => b.startedAt - a.startedAt),
    hidden,
    voted,
    handsLowered,
  };
}

/** Seed a new board's facilitation document with the four questions as the agenda. */
export function initFacilitation(doc: Y.Doc): void {
  const { agenda, state } = facilitationMaps(doc);
  doc.transact(() => {
    let order: string | null = null;
    for (const item of DEFAULT_AGENDA) {
      order = generateKeyBetween(order, null);
      const id = newId();
      agenda.set(id, toYMap(AgendaItem.parse({ id, ...item, order })));
      if (!state.has('phase')) state.set('phase', id);
    }
  });
}

// ---- agenda and phase -------------------------------------------------------------------------

export function setPhase(doc: Y.Doc, itemId: string, origin?: unknown): void {
  doc.transact(() => facilitationMaps(doc).state.set('phase', itemId), origin);
}

export function addAgendaItem(doc: Y.Doc, title: string, prompt = '', origin?: unknown): string {
  const items = records(facilitationMaps(doc).agenda, AgendaItem);
  const id = newId();
  const order = generateKeyBetween(items[items.length - 1]?.order ?? null, null);
  doc.transact(() => facilitationMaps(doc).agenda.set(id, toYMap(AgendaItem.parse({ id, title, prompt, order }))), origin);
  return id;
}

export function updateAgendaItem(doc: Y.Doc, id: string, patch: Partial<Pick<AgendaItem, 'title' | 'prompt'>>, origin?: unknown): void {
  const m = facilitationMaps(doc).agenda.get(id);
  if (!m) return;
  const next = AgendaItem.parse({ ...recordFields(m), ...patch, id });
  doc.transact(() => {
    for (const k of Object.keys(patch) as (keyof typeof patch)[]) m.set(k, next[k]);
  }, origin);
}

/** Move an agenda item one step up (-1) or down (+1). */
export function moveAgendaItem(doc: Y.Doc, id: string, delta: -1 | 1, origin?: unknown): void {
  const items = records(facilitationMaps(doc).agenda, AgendaItem);
  const i = items.findIndex((x) => x.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= items.length) return;
  const [lo, hi] = delta < 0 ? [items[j - 1]?.order ?? null, items[j]!.order] : [items[j]!.order, items[j + 1]?.order ?? null];
  let order: string;
  try {
    order = generateKeyBetween(lo, hi);
  } catch {
    return;
  }
  doc.transact(() => facilitationMaps(doc).agenda.get(id)?.set('order', order), origin);
}

export function deleteAgendaItem(doc: Y.Doc, id: string, origin?: unknown): void {
  doc.transact(() => facilitationMaps(doc).agenda.delete(id), origin);
}

// ---- timer -------------------------------------------------------------------------------------

/** Remaining time of a timer at `now` (server clock), in ms. */
export function timerRemaining(t: Timer, now: number): number {
  if (t.status === 'running') return Math.max(0, t.endsAt - now);
  if (t.status === 'paused') return t.remainingMs;
  return 0;
}

function setTimer(doc: Y.Doc, t: Timer, origin?: unknown) {
  doc.transact(() => facilitationMaps(doc).state.set('timer', t), origin);
}

export const timer = {
  start(doc: Y.Doc, durationMs: number, now: number, origin?: unknown) {
    setTimer(doc, { status: 'running', endsAt: now + durationMs, remainingMs: durationMs, durationMs }, origin);
  },
  pause(doc: Y.Doc, now: number, origin?: unknown) {
    const t = readFacilitation(doc).timer;
    if (t.status === 'running') setTimer(doc, { ...t, status: 'paused', remainingMs: timerRemaining(t, now) }, origin);
  },
  resume(doc: Y.Doc, now: number, origin?: unknown) {
    const t = readFacilitation(doc).timer;
    if (t.status === 'paused') setTimer(doc, { ...t, status: 'running', endsAt: now + t.remainingMs }, origin);
  },
  add(doc: Y.Doc, ms: number, now: number, origin?: unknown) {
    const t = readFacilitation(doc).timer;
    if (t.status === 'running') setTimer(doc, { ...t, endsAt: Math.max(now, t.endsAt) + ms, durationMs: t.durationMs + ms }, origin);
    else if (t.status === 'paused') setTimer(doc, { ...t, remainingMs: t.remainingMs + ms, durationMs: t.durationMs + ms }, origin);
  },
  stop(doc: Y.Doc, origin?: unknown) {
    setTimer(doc, Timer.parse({}), origin);
  },
};

// ---- focus, locks, attention -------------------------------------------------------------------

export function summon(doc: Y.Doc, by: string, view: string, camera: Camera, follow: boolean, origin?: unknown): void {
  const prev = readFacilitation(doc).focus;
  const focus: Focus = { seq: (prev?.seq ?? 0) + 1, by, view, camera, follow };
  doc.transact(() => facilitationMaps(doc).state.set('focus', focus), origin);
}

/** Update the camera others follow (facilitator moving while "follow me" is on). */
export function moveFocus(doc: Y.Doc, view: string, camera: Camera, origin?: unknown): void {
  const prev = readFacilitation(doc).focus;
  if (!prev?.follow) return;
  doc.transact(() => facilitationMaps(doc).state.set('focus', { ...prev, view, camera }), origin);
}

export function releaseFollow(doc: Y.Doc, origin?: unknown): void {
  const prev = readFacilitation(doc).focus;
  if (prev?.follow) doc.transact(() => facilitationMaps(doc).state.set('focus', { ...prev, follow: false }), origin);
}

export function setLocked(doc: Y.Doc, view: string, locked: boolean, origin?: unknown): void {
  doc.transact(() => (locked ? facilitationMaps(doc).locks.set(view, true) : facilitationMaps(doc).locks.delete(view)), origin);
}

export function setCursorsHidden(doc: Y.Doc, hidden: boolean, origin?: unknown): void {
  doc.transact(() => facilitationMaps(doc).state.set('cursorsHidden', hidden), origin);
}

export function lowerHand(doc: Y.Doc, userId: string, now: number, origin?: unknown): void {
  doc.transact(() => facilitationMaps(doc).handsLowered.set(userId, now), origin);
}

/** A hand raised at `raisedAt` (from presence) is up unless the facilitator lowered it since. */
export function handIsUp(raisedAt: number | null | undefined, loweredAt: number | undefined): boolean {
  return typeof raisedAt === 'number' && raisedAt > (loweredAt ?? 0);
}

// ---- brainstorm ---------------------------------------------------------------------------------

export function startBrainstorm(doc: Y.Doc, view: string, now: number, origin?: unknown): void {
  doc.transact(() => facilitationMaps(doc).state.set('brainstorm', { view, startedAt: now }), origin);
}

/** Turning the mode off reveals everything (the server acts on it). */
export function stopBrainstorm(doc: Y.Doc, origin?: unknown): void {
  doc.transact(() => facilitationMaps(doc).state.set('brainstorm', null), origin);
}

/** Ask the server to reveal every hidden note now, keeping the mode on. */
export function requestReveal(doc: Y.Doc, origin?: unknown): void {
  const seq = readFacilitation(doc).revealSeq;
  doc.transact(() => facilitationMaps(doc).state.set('revealSeq', seq + 1), origin);
}

// ---- groups -------------------------------------------------------------------------------------

export function addGroup(doc: Y.Doc, name: string, view = '', origin?: unknown): string {
  const groups = records(facilitationMaps(doc).groups, Group);
  const id = newId();
  const order = generateKeyBetween(groups[groups.length - 1]?.order ?? null, null);
  doc.transact(() => facilitationMaps(doc).groups.set(id, toYMap(Group.parse({ id, name, view, order }))), origin);
  return id;
}

export function updateGroup(doc: Y.Doc, id: string, patch: Partial<Pick<Group, 'name' | 'view' | 'members'>>, origin?: unknown): void {
  const m = facilitationMaps(doc).groups.get(id);
  if (!m) return;
  const next = Group.parse({ ...recordFields(m), ...patch, id });
  doc.transact(() => {
    for (const k of Object.keys(patch) as (keyof typeof patch)[]) m.set(k, next[k]);
  }, origin);
}

/** Put a user in one group (removing them from any other), or in none with `groupId` null. */
export function assignToGroup(doc: Y.Doc, userId: string, groupId: string | null, origin?: unknown): void {
  const { groups } = facilitationMaps(doc);
  doc.transact(() => {
    groups.forEach((m, id) => {
      const members = (m.get('members') as string[] | undefined) ?? [];
      const has = members.includes(userId);
      if (id === groupId && !has) m.set('members', [...members, userId]);
      if (id !== groupId && has) m.set('members', members.filter((u) => u !== userId));
    });
  }, origin);
}

export function deleteGroup(doc: Y.Doc, id: string, origin?: unknown): void {
  doc.transact(() => facilitationMaps(doc).groups.delete(id), origin);
}

// ---- votes --------------------------------------------------------------------------------------

export function startVote(
  doc: Y.Doc,
  opts: { title?: string; scope: VoteScope; budget?: number; allowMultiple?: boolean; durationMs?: number; now: number },
  origin?: unknown,
): string {
  const id = newId();
  const timed = (opts.durationMs ?? 0) > 0;
  const vote = Vote.parse({ id, title: opts.title, scope: opts.scope, budget: opts.budget, allowMultiple: opts.allowMultiple, timed, startedAt: opts.now });
  doc.transact(() => {
    facilitationMaps(doc).votes.set(id, toYMap(vote));
    if (timed) timer.start(doc, opts.durationMs!, opts.now);
  }, origin);
  return id;
}

/** The facilitator asks to close a vote; the server tallies and writes the results. */
export function requestCloseVote(doc: Y.Doc, voteId: string, origin?: unknown): void {
  const m = facilitationMaps(doc).votes.get(voteId);
  if (m?.get('status') === 'open') doc.transact(() => m.set('status', 'closing'), origin);
}

export function openVote(state: FacilitationState): Vote | undefined {
  return state.votes.find((v) => v.status !== 'closed');
}

// ---- private document ---------------------------------------------------------------------------

export function addHiddenNote(doc: Y.Doc, input: ShapeInput, origin?: unknown): Shape {
  const shape = Shape.parse(input);
  doc.transact(() => privateMaps(doc).notes.set(shape.id, toYMap(shape)), origin);
  return shape;
}

export function readHiddenNotes(doc: Y.Doc): Shape[] {
  const out: Shape[] = [];
  privateMaps(doc).notes.forEach((m) => {
    const r = parseWith(Shape, plain(m));
    if (r.ok) out.push(r.value);
  });
  return out;
}

export function updateHiddenNote(doc: Y.Doc, id: string, patch: Record<string, unknown>, origin?: unknown): void {
  const m = privateMaps(doc).notes.get(id);
  if (!m) return;
  const r = parseWith(Shape, { ...recordFields(m), ...patch, id });
  if (!r.ok) throw new Error(`invalid change to hidden note ${id}: ${r.error}`);
  const next = r.value as Record<string, unknown>;
  doc.transact(() => {
    for (const k of Object.keys(patch)) if (k !== 'id' && k !== 'kind') m.set(k, next[k]);
  }, origin);
}

export function deleteHiddenNote(doc: Y.Doc, id: string, origin?: unknown): void {
  doc.transact(() => privateMaps(doc).notes.delete(id), origin);
}

export function readBallot(doc: Y.Doc, voteId: string): Record<string, number> {
  const m = privateMaps(doc).ballots.get(voteId);
  const out: Record<string, number> = {};
  if (!(m instanceof Y.Map)) return out;
  m.forEach((n, threatId) => {
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) out[threatId] = n;
  });
  return out;
}

/** Add (+1) or take back (-1) a dot on a threat. The client keeps within budget; the server enforces it. */
export function castDot(doc: Y.Doc, voteId: string, threatId: string, delta: 1 | -1, origin?: unknown): void {
  const { ballots } = privateMaps(doc);
  doc.transact(() => {
    let m = ballots.get(voteId);
    if (!(m instanceof Y.Map)) {
      m = new Y.Map<number>();
      ballots.set(voteId, m);
    }
    const next = Math.max(0, (m.get(threatId) ?? 0) + delta);
    if (next === 0) m.delete(threatId);
    else m.set(threatId, next);
  }, origin);
}

export interface Tally {
  tallies: Record<string, number>;
  ignored: number;
}

/**
 * Count one ballot against a vote's rules: only candidate threats, at most one dot per note unless
 * several are allowed, at most `budget` dots in all (taken in threat-id order, so the result does not
 * depend on who computes it). Everything else is ignored and counted.
 */
export function countBallot(ballot: Record<string, number>, vote: Pick<Vote, 'budget' | 'allowMultiple'>, candidates: ReadonlySet<string>, into: Tally): void {
  let left = vote.budget;
  for (const threatId of Object.keys(ballot).sort()) {
    const dots = ballot[threatId]!;
    if (!candidates.has(threatId)) {
      into.ignored += dots;
      continue;
    }
    const allowed = Math.min(vote.allowMultiple ? dots : 1, left);
    into.ignored += dots - allowed;
    left -= allowed;
    if (allowed > 0) into.tallies[threatId] = (into.tallies[threatId] ?? 0) + allowed;
  }
}
