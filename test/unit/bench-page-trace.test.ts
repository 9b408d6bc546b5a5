import { describe, expect, it } from 'vitest';
import { splitMainThread } from '../../bench/page-trace';

/** Scenario 4's note on where a first paint goes: the page's main thread until paint, by kind of work. */
const at = (name: string, ms: number, dur = 0, extra: object = {}, tid = 1) => ({ name, ph: 'X', ts: ms * 1000, dur: dur * 1000, pid: 7, tid, ...extra });

describe('splitMainThread', () => {
  it('splits the main thread from the navigation (found by the clock mark) until paint into script, message and frame events, other work and idle', () => {
    const events = [
      at('RunTask', 10, 50), // before the board page's navigation: not counted
      { ...at('navigationStart', 100), ph: 'R' },
      { ...at('navigationStart', 1500), ph: 'R' }, // a later one: no guide to the page's clock
      { ...at('threatboard-bench-clock', 1200), ph: 'R' }, // set at 1100 ms on the page's clock
      at('RunTask', 150, 200),
      at('v8.evaluateModule', 151, 190),
      at('v8.compile', 152, 100), // inside the evaluation: counted once, as part of it
      at('RunTask', 160, 20), // a nested run loop's task: part of the task around it
      at('RunTask', 400, 300),
      at('FunctionCall', 401, 290, { args: { data: { functionName: 'BN.t.onmessage' } } }),
      at('RunTask', 720, 80),
      at('WebFrameWidgetImpl::BeginMainFrame', 721, 70),
      at('RunTask', 820, 30),
      at('FunctionCall', 821, 20, { args: { data: { functionName: 'tick' } } }),
      at('RunTask', 850, 500, {}, 2), // another thread
      { ...at('RunTask', 860, 300), pid: 8 }, // another process's thread (another renderer's main thread)
      at('RunTask', 1050, 100), // runs past the paint: counted up to it
    ];
    const parts = splitMainThread(events, 1000, 1100);
    // Each task's script, message and frame events; the rest of every task is other work.
    expect(parts).toEqual({ paintMs: 1000, scripts: 190, messages: 290, frames: 70, other: 10 + 10 + 10 + 30 + 50, idle: 1000 - 200 - 300 - 80 - 30 - 50 });
  });
});
