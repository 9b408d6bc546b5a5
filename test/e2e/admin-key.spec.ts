import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ServerProcess } from './server-process';

const ADMIN_KEY = 'e2e-admin-key-0123456789';
const server = new ServerProcess(Number(process.env.E2E_ADMIN_PORT ?? 8793), `.tmp/e2e-restart-admin-${process.pid}`, { ADMIN_KEY });

test.beforeAll(async () => {
  rmSync(server.dataDir, { recursive: true, force: true });
  await server.start();
});
test.afterAll(async () => {
  await server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
});

test('on a server with an admin key, the home page asks for it and creates the board only with it', async ({ page }) => {
  await page.goto(server.url);
  const key = page.getByLabel('Admin key');
  await expect(key).toBeVisible();
  await page.getByLabel('Board title').fill('Guarded');
  await page.getByLabel('Display name').fill('Fay');
  await page.getByRole('button', { name: /create board/i }).click();
  await expect(page.getByRole('alert')).toContainText(/admin key/i);

  await key.fill(ADMIN_KEY);
  await page.screenshot({ path: 'test-results/admin-key-home.png' });
  await page.getByRole('button', { name: /create board/i }).click();
  await expect(page.getByRole('status').filter({ hasText: /^(connected|all changes saved)$/i }).first()).toBeVisible();
  // Kept in this browser for the next board.
  await page.goto(server.url);
  await expect(page.getByLabel('Admin key')).toHaveValue(ADMIN_KEY);
});
