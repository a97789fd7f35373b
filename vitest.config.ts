import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Two files at a time even on two cores: most of a file's time is spent waiting for
    // DynamoDB Local, the local SES or Chromium, and each file has its own table (and its
    // own SES where it counts mails), so files do not see each other.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          // The fault, security and browser suites (test/faults, test/security,
          // test/browser) share the integration project's DynamoDB Local and local SES.
          name: 'integration',
          include: [
            'test/integration/**/*.test.ts',
            'test/faults/**/*.test.ts',
            'test/security/**/*.test.ts',
            'test/browser/**/*.test.ts',
          ],
          globalSetup: ['test/integration/global-setup.ts'],
          // Generous: two files share two cores with DynamoDB Local and Chromium.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          // The deploy rehearsal: every bundle of the synthesized stack, invoked with its
          // template environment against the integration project's DynamoDB Local and SES.
          name: 'deploy',
          include: ['test/deploy/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Each file starts a whole local stack (with Java): one at a time on small machines.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
