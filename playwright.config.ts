import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * End-to-end tests run against `next build` and the console's server as `npm start` runs it
 * (scripts/serve.mjs: Next's handler in one process per core) on a fresh temporary database that the
 * web server command prepares (migrated, sample network loaded) before the server starts. The
 * webServer plugin starts before `globalSetup` runs, so the database cannot be made there.
 *
 * The file name is chosen once, in the runner process, and passed to the workers through the
 * environment (they load this config again and must agree on it).
 */
process.env.DIRSYNC_E2E_DB ??= path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dirsync-e2e-')), 'dirsync.db');
const database = process.env.DIRSYNC_E2E_DB;
// The administrator the web server creates at start (DIRSYNC_ADMIN_PASSWORD); the tests sign in as it.
process.env.E2E_ADMIN_PASSWORD ??= randomBytes(12).toString('base64url');

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: `npx tsx scripts/prepare-db.ts && npx next build && node scripts/serve.mjs -H 127.0.0.1 -p ${PORT}`,
    url: baseURL,
    reuseExistingServer: false,
    // A cold `next build` on a busy 2-core machine can take several minutes.
    timeout: 900_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DIRSYNC_DB: database,
      DIRSYNC_EMPTY: '0',
      // The specs start on the plain sample, not on its story's first days (docs/console.md).
      DIRSYNC_STORY: '0',
      DIRSYNC_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
