import { Suspense } from 'react';
import { useLocationPath } from '../shared/router/router';
import { NotFoundPage } from './not-found-page';
import { matchRoute, screenFor } from './screen-loader';

/** The shell: picks the screen for the current path and loads its chunk. */
export function App() {
  const path = useLocationPath();
  const pathname = path.split('?')[0] ?? '/';
  const match = matchRoute(pathname);
  if (match === null) return <NotFoundPage path={pathname} />;
  const Screen = screenFor(match.route);
  return (
    <Suspense fallback={<p className="app-loading">Loading…</p>}>
      <Screen params={match.params} />
    </Suspense>
  );
}
