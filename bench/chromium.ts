import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import type { JoinResponse } from '../shared/api';
import { BROWSER_UI_FEATURES, CHROMIUM_ARGS, CHROMIUM_PATH, playwrightFeaturesFlag } from '../test/helpers/chromium';

/** Chromium driven by Playwright, without the browser UI's web pages (BROWSER_UI_FEATURES). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, await playwrightFeaturesFlag()] });
}

/**
 * A 1366×768 page with a board session already in localStorage (as the client stores it after joining),
 * not yet navigated. `page.goto(boardUrl)` then opens the board straight away.
 */
export async function boardPage(browser: Browser, boardId: string, session: JoinResponse, name = 'Bench'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(sessionScript(boardId, session, name));
  return context.newPage();
}

/**
 * The init script of a board page: the board session in localStorage, as the client stores it after
 * joining, and `__name` (tsx wraps functions in `__name()`; functions handed to the page run without it).
 */
function sessionScript(boardId: string, session: JoinResponse, name: string): string {
  const value = JSON.stringify({ token: session.token, userId: session.userId, role: session.role, name });
  return `localStorage.setItem(${JSON.stringify(`threatboard:session:${boardId}`)}, ${JSON.stringify(value)}); window.__name = (f) => f;`;
}

/** What `watchOpening` has the page note, on the page's clock. */
interface Opening {
  painted: Promise<number>;
  editable: Promise<number>;
}

/**
 * Before navigating `page`: have the page itself note two moments of its opening, on its own clock, from
 * its first script on. *Painted*: the outline lists `n` items (the page holds every note; the canvas
 * draws the visible ones in the same commit) and the frame after next has begun, so that frame is on
 * screen. *Editable*: the top bar says all changes are saved (the document is applied, not only the
 * server's first-paint list of shapes). Measured inside the page, the figures hold none of the bench's
 * own work: no round trip to the bench between seeing the list and counting frames (the board's document
 * is applied a few frames after the first paint and would otherwise hold up the count), and no
 * Playwright helper script compiled into the page while it loads (`waitForFunction` injects one).
 * The page checks once per frame, as `waitForFunction` with `polling: 'raf'` does.
 */
export async function watchOpening(page: Page, n: number): Promise<void> {
  await page.addInitScript(watchScript, n);
}

/** The page's side of `watchOpening`, run before the page's own scripts with the number of notes. */
function watchScript(k: number): void {
  const settle = () => {
    let resolve!: (ms: number) => void;
    const promise = new Promise<number>((r) => (resolve = r));
    return { promise, resolve };
  };
  const painted = settle();
  const editable = settle();
  let listed = false;
  let saved = false;
  const frame = () => {
    if (!listed && (document.querySelector('[aria-label="Board outline"]')?.childElementCount ?? 0) >= k) {
      listed = true;
      requestAnimationFrame(() => requestAnimationFrame(() => painted.resolve(performance.now())));
    }
    if (!saved && [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent === 'All changes saved')) {
      saved = true;
      editable.resolve(performance.now());
    }
    if (!listed || !saved) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  (window as unknown as { __threatboardOpening: Opening }).__threatboardOpening = { painted: painted.promise, editable: editable.promise };
}

/** When the page `watchOpening` watches had painted all its notes (page clock, ms from navigation). */
export function allPainted(page: Page): Promise<number> {
  return opening(page, 'painted');
}

/** When the page `watchOpening` watches first took edits (page clock, ms from navigation). */
export function editable(page: Page): Promise<number> {
  return opening(page, 'editable');
}

function opening(page: Page, moment: keyof Opening): Promise<number> {
  const wait = page.evaluate((m) => (window as unknown as { __threatboardOpening: Opening }).__threatboardOpening[m], moment);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the board was not ${moment} within 120 s`)), 120_000)));
  return Promise.race([wait, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Chromium driven over the DevTools protocol with no protocol domain enabled on the page, to time a board's
 * opening as a person's browser runs it. Playwright enables the Runtime domain on every page, and with it
 * V8 records a detailed stack trace, with line and column, for every Error object made: React, its Konva
 * reconciler and lib0 each make a few as constants while their modules load, so V8 parses the whole entry
 * and board chunks a second time to find those positions (V8.CollectSourcePositions: 100-240 ms of main
 * thread per navigation in traces here; none without the Runtime domain). A page opened here gets the
 * same init scripts `boardPage` and `watchOpening` give it, through `Page.addScriptToEvaluateOnNewDocument`,
 * in a fresh browser context each time (no cache), and its two moments are read with `Runtime.evaluate`;
 * the only domain enabled is Page, which records no stack traces (traced: no CollectSourcePositions).
 * See docs/performance.md, "How it measures".
 */
export class BareChromium {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly ws: WebSocket,
    private readonly profile: string,
  ) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
      const p = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id!);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    });
    // A browser that dies fails what was waiting on it instead of leaving the bench hanging.
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('Chromium closed its DevTools connection'));
      this.pending.clear();
    });
  }

  static async launch(): Promise<BareChromium> {
    const profile = mkdtempSync(join(tmpdir(), 'threatboard-bench-chromium-'));
    const child = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, `--disable-features=${BROWSER_UI_FEATURES.join(',')}`, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port: ${err.slice(-500)}`)), 30_000);
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`Chromium exited with ${code}: ${err.slice(-500)}`)));
    });
    child.stderr!.resume();
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new BareChromium(child, ws, profile);
  }

  private send<T = any>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  /**
   * Open `url` (a board of `notes` notes) at 1366×768 in a fresh browser context whose localStorage holds
   * the board session, as `boardPage` sets it up; resolves with the moments `watchOpening` notes.
   */
  async openBoard(url: string, boardId: string, session: JoinResponse, notes: number): Promise<{ painted: number; editable: number }> {
    const { browserContextId } = await this.send<{ browserContextId: string }>('Target.createBrowserContext');
    try {
      const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank', browserContextId, width: 1366, height: 768 });
      const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      // The Page domain runs the init scripts; it records no stack traces (checked: no CollectSourcePositions).
      await this.send('Page.enable', {}, sessionId);
      await this.send('Emulation.setDeviceMetricsOverride', { width: 1366, height: 768, deviceScaleFactor: 1, mobile: false }, sessionId);
      await this.send('Page.addScriptToEvaluateOnNewDocument', { source: sessionScript(boardId, session, 'Bench') }, sessionId);
      await this.send('Page.addScriptToEvaluateOnNewDocument', { source: `(${watchScript.toString()})(${notes})` }, sessionId);
      await this.send('Page.navigate', { url }, sessionId);
      const moment = async (m: keyof Opening): Promise<number> => {
        const deadline = Date.now() + 120_000;
        for (;;) {
          // Until the board's document exists, the expression runs in about:blank and answers null.
          const r = await this.send<{ result: { value?: number | null }; exceptionDetails?: unknown }>(
            'Runtime.evaluate',
            { expression: `location.href === ${JSON.stringify(url)} && window.__threatboardOpening ? window.__threatboardOpening.${m} : null`, awaitPromise: true, returnByValue: true },
            sessionId,
          ).catch(() => ({ result: { value: null } }));
          if (typeof r.result.value === 'number') return r.result.value;
          if (Date.now() > deadline) throw new Error(`the board was not ${m} within 120 s`);
          await new Promise((res) => setTimeout(res, 20));
        }
      };
      const painted = await moment('painted');
      const live = await moment('editable');
      return { painted, editable: live };
    } finally {
      await this.send('Target.disposeBrowserContext', { browserContextId });
    }
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', () => resolve())));
    await Promise.race([this.send('Browser.close').catch(() => undefined), exited]);
    this.ws.terminate();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(this.profile, { recursive: true, force: true });
  }
}
