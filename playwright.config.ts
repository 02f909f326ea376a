import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests in Debian's Chromium (never a downloaded browser: this network is closed).
 *
 * The spec files are split into two halves, each with a real app and a fresh database of its own
 * (scripts/test-server.ts), and the halves run side by side: one worker each. Within a half the
 * files run one at a time, in order, as they always have, so no two files ever share a server
 * at the same moment. PATHWEAVE_E2E_SERVERS=1 runs every file on one server (quicker to start
 * when running a single file).
 */
const basePort = Number(process.env.PATHWEAVE_E2E_PORT ?? 3100);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The first half; every other file (a new one too) is in the second. Balanced by the time each
// file's tests took in CI on an Intel 2-core machine (2026-11-24): 381 s and 368 s of tests a half.
const FIRST_HALF = ['collab-offline', 'collab', 'foundation', 'members', 'workshop'].map(
  (name) => new RegExp(`/${name}\\.spec\\.ts$`),
);
const servers = process.env.PATHWEAVE_E2E_SERVERS === '1' ? 1 : 2;

const halves = Array.from({ length: servers }, (_, i) => ({
  /** The suite name gives the server's database: pathweave_test_<suite> (tests/support/testdb.ts). */
  suite: i === 0 ? 'e2e' : 'e2e_2',
  port: basePort + i,
  files: servers === 1 ? {} : i === 0 ? { testMatch: FIRST_HALF } : { testIgnore: FIRST_HALF },
}));

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: servers,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    // Page snapshots and actions for diagnosis, without the screencast's encoding (two busy cores).
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--disable-dev-shm-usage',
      ],
    },
  },
  projects: halves.map((half, i) => ({
    name: i === 0 ? 'chromium' : `chromium-${i + 1}`,
    ...half.files,
    // One file at a time per server: the files share its demo data.
    workers: 1,
    metadata: { suite: half.suite },
    use: { ...devices['Desktop Chrome'], channel: undefined, baseURL: `http://127.0.0.1:${half.port}` },
  })),
  // Started one after the other: only the first builds the app when the build is stale, and the
  // others serve that build as it is (a file saved while they start must not rebuild it under the first).
  webServer: halves.map((half, i) => ({
    command: `node --import tsx scripts/test-server.ts ${half.suite} ${half.port}`,
    env: { PATHWEAVE_USE_BUILD: i === 0 ? '' : '1' },
    url: `http://127.0.0.1:${half.port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
  })),
});
