import { describe, expect, it } from 'vitest';
import { mainThreadProfile, type TraceEvent } from './trace-analysis';

const PID = 1;
const MAIN = 10;
const thread: TraceEvent = {
  name: 'thread_name',
  ph: 'M',
  ts: 0,
  pid: PID,
  tid: MAIN,
  args: { name: 'CrRendererMain' },
};

/** A main-thread task event of `cpuMs`, from `atMs`. */
function runTask(name: string, atMs: number, cpuMs: number, args?: TraceEvent['args']): TraceEvent {
  const dur = cpuMs * 1000;
  return { name, ph: 'X', ts: atMs * 1000, dur, tdur: dur, pid: PID, tid: MAIN, ...(args && { args }) };
}

/** A light trace's task: where it was posted from is on the task itself. */
function task(atMs: number, cpuMs: number, src_file: string): TraceEvent {
  return runTask('ThreadControllerImpl::RunTask', atMs, cpuMs, { src_file, src_func: 'Run' });
}

/** A detailed trace's task: a RunTask wrapping the scheduler's, which alone says where it came from. */
function wrapped(atMs: number, cpuMs: number, src_file: string): TraceEvent[] {
  return [runTask('RunTask', atMs, cpuMs), task(atMs + 0.005, cpuMs - 0.01, src_file)];
}

const MESSAGE = 'mojo/public/cpp/system/simple_watcher.cc';
const MARKING = 'v8/src/heap/incremental-marking-job.cc';

describe('mainThreadProfile', () => {
  it("counts the garbage collector's own tasks apart from the page's updates, but not from long tasks", () => {
    const trace = {
      traceEvents: [
        thread,
        task(0, 4, MESSAGE),
        // A marking step 5 ms later would have joined the update; a long one, much later, stands alone.
        task(9, 6, MARKING),
        task(500, 60, MARKING),
        task(1_000, 3, MESSAGE),
      ],
    };
    const profile = mainThreadProfile(trace);
    expect(profile.updates.map((u) => u.cpuMs)).toEqual([4, 3]);
    expect(profile.collector).toEqual({ tasks: 2, cpuMs: 66, longestCpuMs: 60 });
    expect(profile.longestTaskMs).toBe(60);
    expect(profile.longTasks).toBe(1);
    expect(profile.busyCpuMs).toBe(73);
  });

  it('knows where a detailed trace’s task came from by the scheduler task inside it', () => {
    const trace = { traceEvents: [thread, ...wrapped(0, 4, MESSAGE), ...wrapped(8, 5, MARKING)] };
    const profile = mainThreadProfile(trace);
    expect(profile.updates.map((u) => u.cpuMs)).toEqual([4]);
    expect(profile.collector.tasks).toBe(1);
  });
});
