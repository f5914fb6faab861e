import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * Typed request/response over a forked child's IPC channel (structured clone, so typed arrays travel
 * as they are). An API maps each method name to its argument and result types.
 */
export type RpcApi = Record<string, { args: unknown; result: unknown }>;

type Request = { id: number; method: string; args: unknown };
type Response = { id: number; result?: unknown; error?: string };

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

export class RpcChild<Api extends RpcApi> {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (e: Error) => void }
  >();
  private stderr = '';

  private constructor(readonly child: ChildProcess) {
    child.on('message', (message: Response) => {
      const waiter = this.pending.get(message.id);
      if (waiter === undefined) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
    // Shown as it comes, and kept for the error of a call the child dies during.
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      this.stderr = (this.stderr + chunk.toString()).slice(-8000);
    });
    child.once('exit', (code, signal) => {
      const error = new Error(`${child.spawnargs.join(' ')} exited (${code ?? signal}):\n${this.stderr}`);
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    });
  }

  /** Forks `script` (a .ts file in bench/) under tsx. */
  static fork<Api extends RpcApi>(script: string, args: string[] = []): RpcChild<Api> {
    const child = fork(fileURLToPath(new URL(`../${script}`, import.meta.url)), args, {
      cwd: BENCH_DIR,
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    return new RpcChild<Api>(child);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('child has no pid');
    return this.child.pid;
  }

  call<K extends keyof Api & string>(method: K, args: Api[K]['args']): Promise<Api[K]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, method, args } satisfies Request);
    });
  }

  /** Ends the child (SIGKILL after a grace period) and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The child side: answers the parent's calls with `handlers`; exits when the parent goes away. */
export function serveRpc<Api extends RpcApi>(
  handlers: {
    [K in keyof Api]: (args: Api[K]['args']) => Promise<Api[K]['result']> | Api[K]['result'];
  },
): void {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('serveRpc needs an IPC channel (run it with fork)');
  process.on('message', (message: Request) => {
    const handler = handlers[message.method as keyof Api];
    Promise.resolve()
      .then(() => {
        if (handler === undefined) throw new Error(`unknown method ${message.method}`);
        return handler(message.args as Api[keyof Api]['args']);
      })
      .then(
        (result) => send({ id: message.id, result } satisfies Response),
        (error: unknown) =>
          send({
            id: message.id,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      );
  });
  // The harness died or closed the channel: never linger as an orphan holding sockets.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
}
