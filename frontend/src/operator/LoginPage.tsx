import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { describeError } from '../components/ErrorPanel';
import { Notice } from '../components/Notice';
import { operatorApi } from './operatorApi';
import { sessionStore, type SignedOutReason } from './session';

function loginError(e: unknown): string {
  if (e instanceof ApiError && e.status === 401) return 'That operator name and password do not match.';
  if (e instanceof ApiError && e.status === 429) return 'Too many attempts: wait a moment and try again.';
  return describeError(e);
}

/** Sign-in with the operator's own credential (never a buyer's token). */
export function LoginPage(props: { reason: SignedOutReason }) {
  const [operator, setOperator] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordField = useRef<HTMLInputElement>(null);
  const errorId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const login = await operatorApi.login(operator.trim(), password);
      sessionStore.signIn(login);
    } catch (err) {
      setError(loginError(err));
      setPassword('');
      setBusy(false);
      passwordField.current?.focus();
    }
  };

  return (
    <section className="page operator-login" aria-labelledby="login-title">
      <h1 id="login-title">Operator sign-in</h1>
      {props.reason === 'expired' && (
        <Notice tone="info">
          <p>Your operator session has ended. Sign in again to go on.</p>
        </Notice>
      )}
      {props.reason === 'signedOut' && (
        <Notice tone="info">
          <p>You have signed out.</p>
        </Notice>
      )}
      <form className="card operator-form" onSubmit={submit} noValidate>
        <label htmlFor="operator-name">Operator</label>
        <input
          id="operator-name"
          name="operator"
          autoComplete="username"
          required
          value={operator}
          onChange={(e) => setOperator(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <label htmlFor="operator-password">Password</label>
        <input
          id="operator-password"
          ref={passwordField}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        {error && (
          <div id={errorId}>
            <Notice tone="error" testId="login-error">
              <p>{error}</p>
            </Notice>
          </div>
        )}
        <button type="submit" className="button primary" disabled={busy || !operator.trim() || !password}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="muted small">The token lives in this tab's memory only: a reload or a new tab asks you to sign in again.</p>
    </section>
  );
}
