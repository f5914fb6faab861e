import { Link } from '../router/link';
import './breadcrumbs.css';

export interface Crumb {
  to: string;
  label: string;
}

/** The way back up a drill-down (England, region, trust, site), ending with where you are. */
export function Breadcrumbs({ crumbs, current }: { crumbs: readonly Crumb[]; current: string }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol className="breadcrumbs__list">
        {crumbs.map((crumb) => (
          <li key={crumb.to} className="breadcrumbs__item">
            <Link to={crumb.to}>{crumb.label}</Link>
          </li>
        ))}
        <li className="breadcrumbs__item" aria-current="page">
          {current}
        </li>
      </ol>
    </nav>
  );
}
