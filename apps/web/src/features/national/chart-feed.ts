import { useLayoutEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * A value handed straight to the few components inside a chart that draw it (its marks, its tooltip),
 * so a refresh re-renders those and not the recharts tree between them. A React context would do the
 * same but walks that whole tree on every change to find its readers.
 */
export type Feed<T> = StoreApi<{ value: T }>;

/** A feed that always holds `value` (updated before the browser paints). */
export function useFeed<T>(value: T): Feed<T> {
  const [feed] = useState(() => createStore(() => ({ value })));
  useLayoutEffect(() => feed.setState({ value }), [feed, value]);
  return feed;
}

/** The feed's value, re-rendering when it changes. */
export function useFed<T>(feed: Feed<T>): T {
  return useStore(feed, (state) => state.value);
}
