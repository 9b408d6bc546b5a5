// Make sure a Chromium for Playwright exists. Playwright cannot download its own browsers here, so we use
// Debian's package: installed automatically when running as root on Debian, otherwise explained.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = process.getuid?.() === 0;
if (!process.env.CHROMIUM_PATH && isRoot && existsSync('/etc/debian_version')) {
  console.log('Chromium not found: installing Debian’s chromium package (about 30 s)…');
  execSync('apt-get update -qq && apt-get install -y -qq chromium', {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (existsSync(path)) process.exit(0);
}
console.error(
  `No Chromium at ${path}.\n` +
    'The end-to-end tests need a Chromium or Chrome binary. Install one (Debian/Ubuntu: `sudo apt-get install chromium`)\n' +
    'or point CHROMIUM_PATH at an existing binary, e.g. CHROMIUM_PATH=/usr/bin/google-chrome npm test',
);
process.exit(1);
