// Everything the test suite drives besides Node packages: Debian's chromium (Playwright, PDF printing)
// and LibreOffice Calc without a GUI (the CSV register must open cleanly in it). Installed with apt when
// running as root on Debian (as CI does); elsewhere, say what is missing and how to get it.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const haveSoffice = () => ['soffice', 'libreoffice'].some((cmd) => spawnSync('which', [cmd]).status === 0);

const missing = [];
if (!existsSync(chromium) && !process.env.CHROMIUM_PATH) missing.push('chromium');
if (!haveSoffice()) missing.push('libreoffice-calc-nogui');
if (missing.length === 0) process.exit(0);

const canApt = process.getuid?.() === 0 && existsSync('/etc/debian_version');
if (canApt) {
  console.log(`Installing Debian packages for the tests: ${missing.join(', ')} (about a minute)…`);
  execSync(`apt-get update -qq && apt-get install -y -qq ${missing.join(' ')}`, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
} else {
  console.warn(
    `Not installed: ${missing.join(', ')}. ` +
      'Without chromium the end-to-end tests cannot run (set CHROMIUM_PATH to a Chrome/Chromium binary); ' +
      'without LibreOffice the CSV-in-LibreOffice test is skipped.',
  );
}
// Chromium is required; the script that runs Playwright (ensure-chromium.mjs) explains how to provide it.
