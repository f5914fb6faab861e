import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ListenQueueReport {
  /** Handshakes the kernel dropped because the accept queue was full. */
  overflows: number;
  /** The most connections seen waiting to be accepted at once. */
  deepestQueue: number;
  /** Seconds after the start at which overflows were first and last seen. */
  overflowingFromS: number | null;
  untilS: number | null;
}

/**
 * The kernel's view of a server's accept queue during a storm. When it overflows, the kernel drops the
 * client's final handshake ACK and the client waits out TCP retransmission (1 s, 2 s, 4 s...): the
 * seconds that decide how long the last screens take to come back, invisible from inside the server.
 */
export class ListenQueueWatch {
  private readonly overflowsAtStart = listenOverflows();
  private last = this.overflowsAtStart;
  private readonly timer: NodeJS.Timeout;
  private deepest = 0;
  private firstOverflowS: number | null = null;
  private lastOverflowS: number | null = null;
  private readonly startedAt = Date.now();

  constructor(private readonly port: number) {
    this.timer = setInterval(() => void this.sample(), 100);
  }

  stop(): ListenQueueReport {
    clearInterval(this.timer);
    return {
      overflows: listenOverflows() - this.overflowsAtStart,
      deepestQueue: this.deepest,
      overflowingFromS: this.firstOverflowS,
      untilS: this.lastOverflowS,
    };
  }

  private async sample(): Promise<void> {
    const now = listenOverflows();
    if (now > this.last) {
      const at = (Date.now() - this.startedAt) / 1000;
      this.firstOverflowS ??= at;
      this.lastOverflowS = at;
      this.last = now;
    }
    try {
      // For a listening socket, Recv-Q is the number of connections waiting to be accepted.
      const { stdout } = await run('ss', ['-Hltn', `sport = :${this.port}`]);
      const queued = Number(stdout.trim().split(/\s+/)[1]);
      if (Number.isFinite(queued)) this.deepest = Math.max(this.deepest, queued);
    } catch {
      // ss missing: the overflow count still tells the story.
    }
  }
}

/** TcpExt ListenOverflows, machine-wide (the bench's servers are what listens here). */
export function listenOverflows(): number {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    const header = lines.findIndex((line) => line.startsWith('TcpExt:'));
    const names = lines[header]?.split(/\s+/) ?? [];
    const values = lines[header + 1]?.split(/\s+/) ?? [];
    return Number(values[names.indexOf('ListenOverflows')] ?? 0);
  } catch {
    return 0;
  }
}
