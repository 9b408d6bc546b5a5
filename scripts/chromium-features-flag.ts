/**
 * Prints the `--disable-features` flag for a Chromium that Playwright launches (test/helpers/chromium.ts,
 * `playwrightFeaturesFlag`). playwright.config.ts runs this once, in the test runner, since a config
 * file cannot wait for a promise.
 */
import { playwrightFeaturesFlag } from '../test/helpers/chromium';

console.log(await playwrightFeaturesFlag());
