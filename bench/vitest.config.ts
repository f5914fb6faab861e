import { defineProject } from 'vitest/config';

// The bench's own logic (trace analysis, ...): the benchmarks themselves run with `pnpm bench`.
export default defineProject({ test: { name: 'bench', include: ['lib/**/*.test.ts'] } });
