/**
 * Main-thread cost of a page from a Chrome trace. Takes the renderer main thread's top-level tasks and
 * groups them into updates: tasks of at least SIGNIFICANT_MS that follow each other within `gapMs`
 * (a timer or message task and the frames it leads to) form one update; the small housekeeping tasks in
 * between are added to it. Tasks V8 posts for its own garbage collector are counted apart (see
 * `isCollectorTask`). Each task counts twice: wall time (what a user waits) and thread CPU time
 * (`tdur`: the same work without the time this shared machine gave other processes).
 */

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  /** `name` on thread metadata; where a task was posted from on `toplevel` tasks. */
  args?: { name?: string; src_file?: string; src_func?: string };
}

export interface MainThreadUpdate {
  /** Start, ms from the first task of the trace. */
  startMs: number;
  wallMs: number;
  cpuMs: number;
  /** CPU of the frames (style, layout, paint, commit) in it; the rest is script and messages. */
  frameCpuMs: number;
  styleLayoutCpuMs: number;
  paintCpuMs: number;
  /** Whether a timer fired in it (the per-second tick). */
  timer: boolean;
}

export interface MainThreadProfile {
  busyWallMs: number;
  busyCpuMs: number;
  /** Over every task, the collector's included. */
  longestTaskMs: number;
  longTasks: number;
  updates: MainThreadUpdate[];
  /** The tasks V8 posted for its garbage collector, between the updates. */
  collector: { tasks: number; cpuMs: number; longestCpuMs: number };
}

const SIGNIFICANT_MS = 0.3;
const LONG_TASK_MS = 50;
const ms = (us: number | undefined) => (us ?? 0) / 1000;

export function mainThreadProfile(trace: { traceEvents: TraceEvent[] }, gapMs = 20): MainThreadProfile {
  const thread = busiestRendererMain(trace.traceEvents);
  const mine = trace.traceEvents.filter((e) => `${e.pid}:${e.tid}` === thread).sort((a, b) => a.ts - b.ts);
  const everyTask = topLevelTasks(mine);
  const tasks = everyTask.filter((t) => !isCollectorTask(t));
  const collector = everyTask.filter(isCollectorTask).map((t) => ms(t.tdur ?? t.dur));
  const timers = mine.filter(isTimer).map((e) => e.ts);
  // A light trace (toplevel only) has no frame internals: its frames are the tasks cc posts for them.
  const detailed = mine.some((e) => e.name === 'ProxyMain::BeginMainFrame');
  const inside = (name: string, start: number, end: number) =>
    mine
      .filter((e) => e.name === name && e.ph === 'X' && e.ts >= start && e.ts <= end)
      .reduce((sum, e) => sum + ms(e.tdur ?? e.dur), 0);
  const first = tasks[0]?.ts ?? 0;

  const updates: MainThreadUpdate[] = [];
  let group: TraceEvent[] = [];
  const flush = () => {
    const head = group[0];
    const tail = group[group.length - 1];
    if (head === undefined || tail === undefined) return;
    const start = head.ts;
    const end = tail.ts + (tail.dur ?? 0);
    const members = tasks.filter((t) => t.ts >= start && t.ts <= end);
    updates.push({
      startMs: ms(start - first),
      wallMs: members.reduce((sum, t) => sum + ms(t.dur), 0),
      cpuMs: members.reduce((sum, t) => sum + ms(t.tdur ?? t.dur), 0),
      frameCpuMs: detailed
        ? inside('ProxyMain::BeginMainFrame', start, end)
        : members.filter(isFrameTask).reduce((sum, t) => sum + ms(t.tdur ?? t.dur), 0),
      styleLayoutCpuMs: inside('LocalFrameView::UpdateStyleAndLayout', start, end),
      paintCpuMs: inside('LocalFrameView::RunPaintLifecyclePhase', start, end),
      timer: timers.some((t) => t >= start && t <= end),
    });
    group = [];
  };
  for (const task of tasks) {
    if (ms(task.dur) < SIGNIFICANT_MS) continue;
    const previous = group[group.length - 1];
    if (previous !== undefined && ms(task.ts - (previous.ts + (previous.dur ?? 0))) > gapMs) flush();
    group.push(task);
  }
  flush();
  return {
    busyWallMs: everyTask.reduce((sum, t) => sum + ms(t.dur), 0),
    busyCpuMs: everyTask.reduce((sum, t) => sum + ms(t.tdur ?? t.dur), 0),
    longestTaskMs: Math.max(0, ...everyTask.map((t) => ms(t.dur))),
    longTasks: everyTask.filter((t) => ms(t.dur) > LONG_TASK_MS).length,
    updates,
    collector: {
      tasks: collector.length,
      cpuMs: collector.reduce((sum, cpu) => sum + cpu, 0),
      longestCpuMs: Math.max(0, ...collector),
    },
  };
}

/** The renderer main thread with the most task time (other renderers may exist, e.g. about:blank). */
function busiestRendererMain(events: TraceEvent[]): string {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const busy = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (mains.has(key) && isTask(e)) busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
  }
  return [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/**
 * Task events not nested in an earlier one. In a detailed trace a `RunTask` wraps the scheduler's
 * `ThreadControllerImpl::RunTask`, which alone says where the task was posted from: it is copied up.
 */
function topLevelTasks(sorted: TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const e of sorted) {
    if (e.ph !== 'X' || !isTask(e)) continue;
    const outer = out[out.length - 1];
    if (e.ts < end) {
      if (outer !== undefined && outer.args?.src_file === undefined && e.args?.src_file !== undefined) {
        out[out.length - 1] = { ...outer, args: { ...outer.args, ...e.args } };
      }
      continue;
    }
    out.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  return out;
}

/**
 * A task V8 posted for its garbage collector: a step of incremental marking (and the collection that
 * ends it), the memory reducer's collection of a page gone quiet, a scavenge scheduled ahead of need.
 * V8 runs them between the page's own tasks; they are not an update of the page, and they come however
 * small its heap (the national view's is about 15 MB). A collection inside the page's own task (a
 * scavenge during a render) stays in that task and so in its update.
 */
function isCollectorTask(e: TraceEvent): boolean {
  const source = e.args?.src_file ?? '';
  // FinalizationRegistry callbacks are posted from there too, but they run the page's own script.
  return source.includes('v8/src/heap/') && !source.endsWith('finalization-registry-cleanup-task.cc');
}

/** A scheduler task: `RunTask` (detailed timeline category) or `ThreadControllerImpl::RunTask` (toplevel). */
function isTask(e: TraceEvent): boolean {
  return e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
}

/** A JavaScript timer firing: `TimerFire` (devtools.timeline), or a task posted by DOMTimer (toplevel). */
function isTimer(e: TraceEvent): boolean {
  return e.name === 'TimerFire' || (isTask(e) && e.args?.src_file?.endsWith('/dom_timer.cc') === true);
}

/** The task in which the compositor has the main thread produce a frame (toplevel). */
function isFrameTask(e: TraceEvent): boolean {
  return e.args?.src_func === 'ScheduledActionSendBeginMainFrame';
}
