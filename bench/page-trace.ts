import type { Page } from '@playwright/test';
import { allPainted } from './chromium';

/** What the page's main thread did from navigation until every note was painted (see tracedPaint). */
export interface MainThreadParts {
  paintMs: number;
  /** Tasks that parse, compile or evaluate scripts (the app's chunks). */
  scripts: number;
  /** WebSocket message handlers: the board applied in Yjs, and the React and Konva render it starts. */
  messages: number;
  /** Rendering frames: animation-frame callbacks, style, layout, paint, commit. */
  frames: number;
  other: number;
  /** Navigation until painted, minus every task above: the main thread waiting (network, server). */
  idle: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string } };
}

const SCRIPT_EVENTS = new Set(['v8.evaluateModule', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'ParseHTML']);
const FRAME_EVENTS = new Set(['WebFrameWidgetImpl::BeginMainFrame', 'BeginMainFrame', 'UpdateLifecycle', 'Commit', 'Paint', 'Layout', 'UpdateLayoutTree']);

/**
 * Navigate `page` to `url` under a Chrome trace and wait until all `notes` are painted; then split the
 * renderer main thread's time until then by the kind of each top-level task. One traced run explains
 * where a first paint goes; tracing slows the page, so its time is reported apart from the measured runs.
 */
export async function tracedPaint(page: Page, url: string, notes: number): Promise<MainThreadParts> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => void events.push(...(d.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'toplevel,blink.user_timing,devtools.timeline,disabled-by-default-devtools.timeline,v8', transferMode: 'ReportEvents' });
  await page.goto(url);
  const paintMs = await allPainted(page, notes);
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return splitMainThread(events, paintMs);
}

export function splitMainThread(events: TraceEvent[], paintMs: number): MainThreadParts {
  const threads = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name) threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const main = events.filter((e) => e.ph !== 'M' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain').sort((a, b) => a.ts - b.ts);
  // The page's clock starts at navigation; the last navigationStart is the board page's (not about:blank).
  const start = main.findLast((e) => e.name === 'navigationStart')?.ts ?? main[0]?.ts ?? 0;
  const end = start + paintMs * 1000;
  const parts: MainThreadParts = { paintMs, scripts: 0, messages: 0, frames: 0, other: 0, idle: paintMs };
  const tasks = main.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.dur && e.ts >= start && e.ts < end);
  let i = 0;
  for (const task of tasks) {
    const to = task.ts + task.dur!;
    while (i < main.length && main[i]!.ts < task.ts) i++;
    const inside: TraceEvent[] = [];
    for (let j = i; j < main.length && main[j]!.ts <= to; j++) inside.push(main[j]!);
    const ms = (Math.min(to, end) - task.ts) / 1000;
    const kind = inside.some((e) => SCRIPT_EVENTS.has(e.name))
      ? 'scripts'
      : inside.some((e) => e.name === 'FunctionCall' && /onmessage$/.test(e.args?.data?.functionName ?? ''))
        ? 'messages'
        : inside.some((e) => FRAME_EVENTS.has(e.name))
          ? 'frames'
          : 'other';
    parts[kind] += ms;
    parts.idle -= ms;
  }
  return parts;
}
