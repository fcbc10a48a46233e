import { useState, type FormEvent } from 'react';
import { ErrorBanner } from '../shared/ErrorBanner';
import { signIn, storeKey, type Session } from './session';
import './auth.css';

export function SignIn({ onSignedIn, initialError }: { onSignedIn: (s: Session) => void; initialError?: unknown }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(initialError);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn(key.trim());
      storeKey(key.trim());
      onSignedIn(session);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">RunbookHost</h1>
        <p>Sign in with your API key. It is kept for this browser tab only (sessionStorage).</p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="apiKey"
          type="password"
          autoComplete="current-password"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          required
          autoFocus
        />
        <button type="submit" className="primary" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <ErrorBanner error={error} />
      </form>
    </main>
  );
}
