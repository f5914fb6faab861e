import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem, type } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  redis: string;
  chromium: string;
}

/** The machine the numbers come from, read from the system itself. */
export function describeMachine(): MachineInfo {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  const osRelease = (() => {
    try {
      return /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
    } catch {
      return '';
    }
  })();
  return {
    cpuModel: model,
    cores: availableParallelism(),
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${osRelease} (${type()} ${release()})`.trim(),
    node: process.version,
    redis: version('redis-server', ['--version']).replace(/^Redis server v=(\S+).*$/, '$1'),
    chromium: version('/usr/bin/chromium', ['--version']).replace(/ built on .*$/, ''),
  };
}

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'not installed';
  }
}

/** 1, 5 and 15 minute load averages: how busy the machine was with everything else too. */
export function loadAverages(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return [one, five, fifteen];
}
