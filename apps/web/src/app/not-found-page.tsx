import { Link } from '../shared/router/link';
import { AccessProblem } from '../shared/ui/access-problem';
import '../shared/ui/button.css';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <AccessProblem
      title="Page not found"
      actions={
        <Link to="/" className="button button--blue">
          Go to the start page
        </Link>
      }
    >
      <p>There is no screen at {path}.</p>
      <p>If you typed the address, check it. Screens look like /board/RRK15 or /entry/RRK15.</p>
    </AccessProblem>
  );
}
