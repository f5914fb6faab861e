import { Link } from '../router/link';
import { AccessProblem } from './access-problem';
import './button.css';

/** The address names something that cannot exist (such as a malformed site code). */
export function BadAddress({ message }: { message: string }) {
  return (
    <AccessProblem
      title="Check the address"
      actions={
        <Link to="/" className="button button--blue">
          Go to the start page
        </Link>
      }
    >
      <p>{message}</p>
    </AccessProblem>
  );
}
