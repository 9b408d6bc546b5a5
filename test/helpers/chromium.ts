import { chromium } from '@playwright/test';

/**
 * Debian's Chromium for Playwright (which cannot download its own browsers here); CHROMIUM_PATH overrides.
 * The flags keep a headless Chromium from reaching for the network at start-up.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium features that build the browser's own omnibox UI as web pages, off in the benchmarks' and the
 * end-to-end tests' browsers (bench/chromium.ts, playwright.config.ts). Headless Chromium opens a browser window for every new browser context, and each
 * window loaded the omnibox popup's page (chrome://omnibox-popup.top-chrome: about 200 scripts and styles)
 * in a renderer of its own, in waves from before a board page's navigation to after its first paint,
 * on the same two cores (seen in a trace). A person's browser has its window, and that page, long before
 * they open a board; the benchmarks open a fresh window for every run to start with an empty cache, and
 * the end-to-end tests a fresh context for nearly every test (two spec files: 1.5-1.7 min -> 1.4-1.5 min).
 * Chromium keeps only the last `--disable-features` flag, and Playwright passes its own list: pass
 * `playwrightFeaturesFlag()` to a browser Playwright launches.
 */
export const BROWSER_UI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup', 'PreloadTopChromeWebUI'];

let featuresFlag: Promise<string> | undefined;

/**
 * One `--disable-features` flag with Playwright's own list and BROWSER_UI_FEATURES, for a Chromium that
 * Playwright launches: Playwright's list is read off the command line it starts Chromium with (once per
 * process, about a second).
 */
export function playwrightFeaturesFlag(): Promise<string> {
  featuresFlag ??= (async () => {
    const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const own = server.process().spawnargs.find((a) => a.startsWith('--disable-features='));
    await server.close();
    const features = own ? own.slice('--disable-features='.length).split(',').filter(Boolean) : [];
    return `--disable-features=${[...new Set([...features, ...BROWSER_UI_FEATURES])].join(',')}`;
  })();
  return featuresFlag;
}
