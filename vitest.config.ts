import { defineConfig } from 'vitest/config';

// One vitest run covers every package; each package declares its own project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'bench'],
    coverage: {
      provider: 'v8',
      include: ['packages/domain/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/test-support/**'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 95 },
    },
  },
});
