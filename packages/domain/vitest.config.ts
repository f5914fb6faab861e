import { defineProject } from 'vitest/config';

export default defineProject({
  // Property tests build dozens of reports each; CI runs every project at once on 2 cores, where one took
  // 7.7 s against 2 s alone. The default 5 s would fail them for the machine's load, not for a fault.
  test: { name: 'domain', include: ['src/**/*.test.ts'], testTimeout: 20_000 },
});
