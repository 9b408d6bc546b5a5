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
