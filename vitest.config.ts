import { defineConfig } from 'vitest/config';

// Unit, property, adversarial and server-integration tests (real processes). Browser e2e runs
// under Playwright (playwright.config.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'server/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // bin/sanma.js runs server/cli.ts through tsx, not the last `npm run build`: tests test the source.
    env: { SANMA_FROM_SOURCE: '1' },
  },
});
