import { type BrowserContext, test as base, expect } from '@playwright/test';
import { Api } from './api';
import type { DemoTokens } from './server';

/** The demo server global-setup.ts starts for the whole run (file store, temp DATA_DIR). */
export interface SharedServer {
  url: string;
  dataDir: string;
  tokens: DemoTokens;
}

export function sharedServer(): SharedServer {
  const json = process.env.E2E_SHARED_SERVER;
  if (json === undefined) throw new Error('E2E_SHARED_SERVER is not set: global-setup.ts did not run');
  return JSON.parse(json) as SharedServer;
}

interface Problem {
  kind: 'console.error' | 'pageerror';
  text: string;
  url: string;
}

/**
 * Collects console errors and uncaught page errors from every page of the contexts it watches. A test
 * fails on any it did not declare as expected (e.g. the refused websocket while a server restarts).
 */
export class ConsoleWatch {
  readonly problems: Problem[] = [];
  private readonly allowed: RegExp[] = [];

  watch(context: BrowserContext): void {
    context.on('console', (message) => {
      if (message.type() !== 'error') return;
      this.problems.push({ kind: 'console.error', text: message.text(), url: message.page()?.url() ?? '' });
    });
    context.on('weberror', (error) => {
      const { message, stack } = error.error();
      this.problems.push({ kind: 'pageerror', text: stack ?? message, url: error.page()?.url() ?? '' });
    });
  }

  /** Console errors matching `pattern` are expected in this test (page errors never are). */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  unexpected(): Problem[] {
    return this.problems.filter(
      (problem) =>
        problem.kind === 'pageerror' || !this.allowed.some((pattern) => pattern.test(problem.text)),
    );
  }
}

/** Chromium's words for a websocket that could not connect (a server restarting or killed). */
export const WEBSOCKET_REFUSED = /WebSocket connection to '\S+\/ws' failed/;

export const test = base.extend<{ shared: SharedServer; api: Api; consoleWatch: ConsoleWatch }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires destructuring, even of no fixtures.
  shared: async ({}, use) => {
    await use(sharedServer());
  },
  api: async ({ shared }, use) => {
    await use(new Api(shared.url));
  },
  consoleWatch: [
    async ({ context }, use, testInfo) => {
      const watch = new ConsoleWatch();
      watch.watch(context);
      await use(watch);
      if (watch.problems.length > 0) {
        await testInfo.attach('browser-console-errors', {
          body: JSON.stringify(watch.problems, null, 2),
          contentType: 'application/json',
        });
      }
      expect(watch.unexpected(), 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
