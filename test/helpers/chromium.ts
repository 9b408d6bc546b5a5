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
 * Chromium features that build the browser's own omnibox UI as web pages, off in the benchmarks' browsers
 * (bench/chromium.ts). Headless Chromium opens a browser window for every new browser context, and each
 * window loaded the omnibox popup's page (chrome://omnibox-popup.top-chrome: about 200 scripts and styles)
 * in a renderer of its own, in waves from before a board page's navigation to after its first paint,
 * on the same two cores (seen in a trace). A person's browser has its window, and that page, long before
 * they open a board; the benchmarks open a fresh window for every run to start with an empty cache.
 * Not used by the end-to-end tests: `--disable-features` given twice keeps only the last, and Playwright
 * passes its own list.
 */
export const BROWSER_UI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup', 'PreloadTopChromeWebUI'];
