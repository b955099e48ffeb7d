import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // A build daemon the developer left running must not answer the tests' commands.
          env: { BRIEFDECK_DAEMON: 'off' },
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'e2e',
          env: { BRIEFDECK_DAEMON: 'off' },
          include: ['test/e2e/**/*.test.ts'],
          // Real Chromium: launches and exports take seconds, not milliseconds.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser-heavy file at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
