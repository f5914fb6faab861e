import type { ReactNode } from 'react';
import { Link } from '../router/link';
import './nhs-header.css';

/** The NHS blue header bar: the NHS lozenge, the service name, the screen's title and its own extras. */
export function NhsHeader({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children?: ReactNode;
}) {
  return (
    <header className="nhs-header">
      <Link to="/" className="nhs-header__home" aria-label="NHS Ambulance handovers: home">
        <span className="nhs-header__logo" aria-hidden="true">
          NHS
        </span>
      </Link>
      <div className="nhs-header__titles">
        <h1 className="nhs-header__title">{title}</h1>
        {subtitle !== undefined && <p className="nhs-header__subtitle">{subtitle}</p>}
      </div>
      {children !== undefined && <div className="nhs-header__extras">{children}</div>}
    </header>
  );
}
