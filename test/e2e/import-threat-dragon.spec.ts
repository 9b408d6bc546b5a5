import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { BoardPage } from './board-page';

/**
 * A Threat Dragon model imported from the home page: the new board is titled "… (imported)", keeps the
 * threats' severity, owner and mitigation, and shows what the import could not carry over exactly on the
 * board itself, until dismissed (a reload keeps it).
 */
mkdirSync('test-results', { recursive: true });
const SAMPLE = readFileSync(fileURLToPath(new URL('../../../shared/interop/threat-dragon/v2-threat-model.json', import.meta.url)));

test('a Threat Dragon model becomes a board titled "(imported)" with its fields and the import notes on it', async ({ browser }) => {
  const { context, board } = await BoardPage.open(browser);
  const page = board.page;
  await page.goto('/');
  const form = page.getByRole('form', { name: 'Import a board' });
  await form.getByLabel('File to import').setInputFiles({ name: 'demo.json', mimeType: 'application/json', buffer: SAMPLE });
  await form.getByLabel('Your name').fill('Ines');
  await form.getByRole('button', { name: 'Import board' }).click();
  await page.waitForURL(/\/b\/[A-Za-z0-9_-]+$/);
  await board.waitConnected();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demo Threat Model (imported)');

  const notes = page.getByRole('region', { name: /^The import needs/ });
  await expect(notes).toBeVisible();
  await expect(notes.getByRole('listitem')).toContainText(['had a Threat Dragon severity']);
  await page.screenshot({ path: 'test-results/import-warnings.png' });
  await page.reload();
  await board.waitConnected();
  await expect(notes).toBeVisible();

  // The register has the severity, owner and mitigation strategy Threat Dragon had.
  await page.getByRole('group', { name: 'Main area' }).getByRole('button', { name: 'Register' }).click();
  const table = page.getByRole('table', { name: /^Threat register/ });
  await expect(table).toBeVisible();
  const row = table.getByRole('row').filter({ hasText: 'Accessing DB credentials' });
  // The ID cell also holds the 'Details' button; its accessible name is the ID alone.
  const id = (await row.getByRole('rowheader').first().getAttribute('aria-label')) ?? '';
  expect(id).toMatch(/^T-\d+$/);
  await expect(row.getByLabel(`Severity of ${id}`, { exact: true })).toHaveValue('critical');
  await expect(row.getByLabel(`Owner of ${id}`, { exact: true })).toHaveValue('Mike Goodwin');
  await expect(row.getByLabel(`Strategy of ${id}`, { exact: true })).toHaveValue('mitigate');

  await notes.getByRole('button', { name: 'Dismiss import notes' }).click();
  await expect(notes).toBeHidden();
  await page.reload();
  await board.waitConnected();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demo Threat Model (imported)');
  await expect(notes).toBeHidden();
  await context.close();
});
