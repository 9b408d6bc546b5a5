import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { BoardPage } from './board-page';
import { ServerProcess } from './server-process';

const server = new ServerProcess(Number(process.env.E2E_RESTART_PORT ?? 8792), `.tmp/e2e-restart-${process.pid}`);

test.use({ baseURL: server.url });

test.beforeAll(async () => {
  rmSync(server.dataDir, { recursive: true, force: true });
  await server.start();
});

test.afterAll(async () => {
  await server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
});

test('the client reconnects after a server crash and sends what was written meanwhile', async ({ browser }) => {
  const { context, board } = await BoardPage.open(browser);
  const page = board.page;
  await board.createBoard('Restart drill', 'Alice');
  const links = await board.inviteLinks();
  await board.addNoteAt(300, 200, 'Written before the crash');

  await server.stop('SIGKILL');
  await expect(board.status).toHaveText(/^Reconnecting/);

  // Editing goes on while the server is away; the status says changes are waiting.
  await board.addNoteAt(600, 350, 'Written while the server was down');
  await expect(board.status).toHaveText('Reconnecting… 1 change waiting to sync');

  await server.start();
  await board.waitConnected();

  // Someone joining afterwards gets both notes: the first from the server's log, the second resent.
  const { context: other, board: bob } = await BoardPage.open(browser);
  await bob.join(links.participant, 'Bob');
  await expect(bob.outlineItem('Written before the crash')).toHaveCount(1);
  await expect(bob.outlineItem('Written while the server was down')).toHaveCount(1);

  // And a graceful restart is just as smooth.
  await server.stop('SIGTERM');
  await expect(board.status).toHaveText(/^Reconnecting/);
  await server.start();
  await board.waitConnected();
  await bob.waitConnected();
  await board.addNoteAt(300, 450, 'After the second restart');
  await expect(bob.outlineItem('After the second restart')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Restart drill');

  await other.close();
  await context.close();
});
