import { type FormEvent, useId, useState } from 'react';
import { forgetCredential, saveCredential, useCredential } from '../../shared/credentials/credential-store';
import { navigate, useQueryParam } from '../../shared/router/router';
import { NhsHeader } from '../../shared/ui/nhs-header';
import { checkCredential, safeNextPath } from './check-credential';
import '../../shared/ui/button.css';
import './sign-in.css';

/** Route /sign-in: paste a credential (kiosk links sign in by themselves). */
export default function SignInPage() {
  const next = safeNextPath(useQueryParam('next'));
  const saved = useCredential();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecking(true);
    const check = await checkCredential(token.trim());
    setChecking(false);
    if (!check.ok) {
      setProblem(check.message);
      return;
    }
    saveCredential(token);
    navigate(next);
  };

  return (
    <div className="sign-in">
      <NhsHeader title="Ambulance handovers" subtitle="Sign in" />
      <main className="sign-in__main">
        <h1 className="sign-in__title">Sign in with a credential</h1>
        <p className="sign-in__lead">
          Screens on a wall or tablet are usually opened with a kiosk link, which signs them in. To sign in by
          hand, paste the credential your system administrator gave you.
        </p>
        {problem !== null && (
          <div className="sign-in__error-summary" role="alert">
            <h2>There is a problem</h2>
            <p>{problem}</p>
          </div>
        )}
        <form className="sign-in__form" onSubmit={submit} noValidate>
          <div className={`sign-in__field${problem === null ? '' : ' sign-in__field--error'}`}>
            <label htmlFor={inputId} className="sign-in__label">
              Credential
            </label>
            <p id={hintId} className="sign-in__hint">
              It starts with hvt_
            </p>
            {problem !== null && (
              <p id={errorId} className="sign-in__field-error">
                <span className="visually-hidden">Error:</span> {problem}
              </p>
            )}
            <input
              id={inputId}
              className="sign-in__input"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(event) => setToken(event.target.value)}
              aria-describedby={problem === null ? hintId : `${hintId} ${errorId}`}
              aria-invalid={problem !== null}
              required
            />
          </div>
          <button type="submit" className="button button--large" disabled={checking || token.trim() === ''}>
            {checking ? 'Checking…' : 'Sign in'}
          </button>
        </form>
        {saved !== null && (
          <section className="sign-in__saved">
            <h2>Saved credential</h2>
            <p>
              This browser has a credential saved. Remove it when the device is no longer used for this
              screen.
            </p>
            <button type="button" className="button button--secondary" onClick={forgetCredential}>
              Remove the saved credential
            </button>
          </section>
        )}
      </main>
    </div>
  );
}
