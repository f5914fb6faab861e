import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ReportTimings {
  /** The output of bench/reports.bench.ts, as it printed it. */
  output: string;
  /** Its "... median X ms" lines. */
  medians: { query: string; medianMs: number }[];
  env: Record<string, string>;
  exitCode: number | null;
}

const SCRIPT = fileURLToPath(new URL('../reports.bench.ts', import.meta.url));
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Runs the Reports issue's own benchmark (bench/reports.bench.ts) if it is there, and keeps its output. */
export async function runReportTimings(env: Record<string, string>): Promise<ReportTimings | undefined> {
  if (!existsSync(SCRIPT)) return undefined;
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', SCRIPT], {
    cwd: BENCH_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const medians = [...output.matchAll(/^(.+?)\s+median\s+([\d.]+)\s*ms/gm)].map((match) => ({
    query: (match[1] ?? '').trim(),
    medianMs: Number(match[2]),
  }));
  return { output: output.trim(), medians, env, exitCode };
}
