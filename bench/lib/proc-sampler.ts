import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { nowMs } from './clock';

/** Clock ticks per second of /proc's CPU times. */
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

export interface ProcReading {
  /** User + system CPU time used so far. */
  cpuSeconds: number;
  rssBytes: number;
}

/** CPU time and resident memory of a process from /proc; undefined once it has gone. */
export function readProc(pid: number): ProcReading | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fixed fields start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { cpuSeconds: ticks / CLK_TCK, rssBytes: rssKb * 1024 };
  } catch {
    return undefined;
  }
}

export interface ProcUsage {
  /** Share of one core over the window (200 = both cores of this machine). */
  cpuPercent: number;
  rssMbMax: number;
  rssMbEnd: number;
}

/**
 * Samples processes while a measurement runs: CPU as the change of their CPU time over the window,
 * memory as the largest resident size seen (sampled every `intervalMs`).
 */
export class ProcWatch {
  private readonly start = new Map<string, { reading: ProcReading; at: number }>();
  private readonly maxRss = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: Record<string, number>,
    intervalMs = 250,
  ) {
    const at = nowMs();
    for (const [label, pid] of Object.entries(pids)) {
      const reading = readProc(pid);
      if (reading !== undefined) this.start.set(label, { reading, at });
    }
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): Record<string, ProcUsage> {
    clearInterval(this.timer);
    this.sample();
    const at = nowMs();
    const usage: Record<string, ProcUsage> = {};
    for (const [label, pid] of Object.entries(this.pids)) {
      const first = this.start.get(label);
      const last = readProc(pid);
      if (first === undefined || last === undefined) continue;
      usage[label] = {
        cpuPercent: ((last.cpuSeconds - first.reading.cpuSeconds) / ((at - first.at) / 1000)) * 100,
        rssMbMax: (this.maxRss.get(label) ?? last.rssBytes) / 1_048_576,
        rssMbEnd: last.rssBytes / 1_048_576,
      };
    }
    return usage;
  }

  private sample(): void {
    for (const [label, pid] of Object.entries(this.pids)) {
      const reading = readProc(pid);
      if (reading !== undefined) {
        this.maxRss.set(label, Math.max(this.maxRss.get(label) ?? 0, reading.rssBytes));
      }
    }
  }
}

/**
 * Busy, stolen and total jiffies of the whole machine, from the first line of /proc/stat. Busy includes
 * steal: time the hypervisor gave this virtual machine's CPUs to other guests.
 */
export function readSystemCpu(): { busy: number; steal: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, v) => sum + v, 0);
  // idle and iowait are the 4th and 5th values, steal the 8th.
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, steal: values[7] ?? 0, total };
}

/**
 * How busy the whole machine was over a window, in percent of one core (200 = both cores of a
 * 2-core machine): shows how much the load generator and anything else running competed.
 */
export class SystemCpuWatch {
  private readonly first = readSystemCpu();
  private readonly cores: number;

  constructor(cores: number) {
    this.cores = cores;
  }

  stop(): number {
    const last = readSystemCpu();
    const total = last.total - this.first.total;
    return total > 0 ? ((last.busy - this.first.busy) / total) * 100 * this.cores : 0;
  }
}

/**
 * CPU time used so far by every process of the browsers this process launched (Chromium's browser,
 * renderer, GPU and utility processes: the chromium processes descended from this one).
 */
export function launchedChromiumCpuSeconds(): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch {
      // Gone while we looked.
    }
  }
  let total = 0;
  const queue = [...(children.get(process.pid) ?? [])];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    queue.push(...(children.get(pid) ?? []));
    if (!isChromium(pid)) continue;
    total += readProc(pid)?.cpuSeconds ?? 0;
  }
  return total;
}

function isChromium(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
  } catch {
    return false;
  }
}
