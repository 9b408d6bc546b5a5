import type { Page } from '@playwright/test';
import { allPainted, watchOpening } from './chromium';

/** What the page's main thread did from navigation until every note was painted (see tracedPaint). */
export interface MainThreadParts {
  paintMs: number;
  /** Parsing, compiling and evaluating scripts (the app's chunks, as far as their top level runs). */
  scripts: number;
  /** WebSocket message handlers: the board applied in Yjs, and what React renders synchronously. */
  messages: number;
  /** Rendering frames: animation-frame callbacks, style, layout, paint, commit. */
  frames: number;
  /** The rest of every task: React's scheduled renders and effects, timers, other events. */
  other: number;
  /** Navigation until painted, minus every task: the main thread waiting (network, server, compositor). */
  idle: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { functionName?: string } };
}

const SCRIPT_EVENTS = new Set(['v8.evaluateModule', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'ParseHTML']);
const FRAME_EVENTS = new Set(['WebFrameWidgetImpl::BeginMainFrame', 'BeginMainFrame', 'UpdateLifecycle', 'Commit', 'Paint', 'Layout', 'UpdateLayoutTree']);

function kindOf(e: TraceEvent): 'scripts' | 'messages' | 'frames' | null {
  if (SCRIPT_EVENTS.has(e.name)) return 'scripts';
  if (e.name === 'FunctionCall' && /onmessage$/.test(e.args?.data?.functionName ?? '')) return 'messages';
  if (FRAME_EVENTS.has(e.name)) return 'frames';
  return null;
}

/**
 * Navigate `page` to `url` under a Chrome trace and wait until all `notes` are painted; then split the
 * renderer main thread's time until then: the outermost script, WebSocket-message and frame events of
 * every top-level task, and the rest of the task as other work. One traced run explains
 * where a first paint goes; tracing slows the page, so its time is reported apart from the measured runs.
 */
export async function tracedPaint(page: Page, url: string, notes: number): Promise<MainThreadParts> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => void events.push(...(d.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'toplevel,blink.user_timing,devtools.timeline,disabled-by-default-devtools.timeline,v8', transferMode: 'ReportEvents' });
  await watchOpening(page, notes);
  await page.goto(url);
  const paintMs = await allPainted(page);
  // A user-timing mark ties the page's clock to the trace's: navigationStart events are no guide (a page
  // load records several, some after the board page's).
  const markMs = await page.evaluate((name) => {
    performance.mark(name);
    return performance.now();
  }, CLOCK_MARK);
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return splitMainThread(events, paintMs, markMs);
}

const CLOCK_MARK = 'threatboard-bench-clock';

/**
 * Split `events` (a Chrome trace of one navigation) from the navigation until `paintMs` (page clock). The
 * trace holds the user-timing mark CLOCK_MARK, set at `markMs` on the page's clock.
 */
export function splitMainThread(events: TraceEvent[], paintMs: number, markMs: number): MainThreadParts {
  // The board page's renderer main thread is the one that set the clock mark (a page load may use more
  // than one renderer process, each with a main thread).
  const mark = events.find((e) => e.name === CLOCK_MARK);
  if (!mark) throw new Error('the trace lost its clock mark');
  const main = events.filter((e) => e.ph !== 'M' && e.pid === mark.pid && e.tid === mark.tid).sort((a, b) => a.ts - b.ts);
  const start = mark.ts - markMs * 1000;
  const end = start + paintMs * 1000;
  const parts: MainThreadParts = { paintMs, scripts: 0, messages: 0, frames: 0, other: 0, idle: paintMs };
  // Top-level tasks only: a task run inside another (a nested run loop) is part of it.
  const tasks: TraceEvent[] = [];
  for (const e of main) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || !e.dur || e.ts < start || e.ts >= end) continue;
    const prev = tasks[tasks.length - 1];
    if (!prev || e.ts >= prev.ts + prev.dur!) tasks.push(e);
  }
  let i = 0;
  for (const task of tasks) {
    const to = Math.min(task.ts + task.dur!, end);
    while (i < main.length && main[i]!.ts < task.ts) i++;
    const taskMs = (to - task.ts) / 1000;
    let counted = 0;
    // The outermost script, message or frame events inside the task, each counted once (an event inside
    // one already counted is part of it); the rest of the task is "other".
    let coveredUntil = task.ts;
    for (let j = i; j < main.length && main[j]!.ts < to; j++) {
      const e = main[j]!;
      if (e.ph !== 'X' || !e.dur || e.ts < coveredUntil) continue;
      const kind = kindOf(e);
      if (!kind) continue;
      const ms = (Math.min(e.ts + e.dur, to) - e.ts) / 1000;
      parts[kind] += ms;
      counted += ms;
      coveredUntil = e.ts + e.dur;
    }
    parts.other += taskMs - counted;
    parts.idle -= taskMs;
  }
  return parts;
}
