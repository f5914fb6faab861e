// Preloaded into the server instances by `run.ts --profile` (NODE_OPTIONS=--import ...). Node 20
// refuses --cpu-prof in NODE_OPTIONS, so the profiler is started through the inspector instead and
// the profile written when the process exits (a graceful SIGTERM; a SIGKILLed instance writes none).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.once('exit', () => {
    // The in-process session answers synchronously, so this completes before the process ends.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${dir}/server-${process.pid}.cpuprofile`, JSON.stringify(result.profile));
    });
  });
}
