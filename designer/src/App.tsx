import { useEffect, useState } from 'react';
import { ApprovalsInbox } from './approvals/ApprovalsInbox';
import { SignIn } from './auth/SignIn';
import { SessionContext, signIn, storeKey, storedKey, type Session } from './auth/session';
import { LabView } from './lab/LabView';
import { RunList } from './runs/RunList';
import { RunView } from './runs/RunView';
import { href, useRoute } from './shared/route';
import { WorkflowEditor } from './workflows/WorkflowEditor';
import { WorkflowList } from './workflows/WorkflowList';

const sections = [
  { key: 'workflows', label: 'Workflows' },
  { key: 'runs', label: 'Runs' },
  { key: 'approvals', label: 'Approvals' },
  { key: 'lab', label: 'Lab' },
] as const;

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => storedKey() !== null);
  const [restoreError, setRestoreError] = useState<unknown>();
  const route = useRoute();

  useEffect(() => {
    const key = storedKey();
    if (!key) return;
    signIn(key).then(
      (s) => {
        setSession(s);
        setRestoring(false);
      },
      (e: unknown) => {
        storeKey(null);
        setRestoreError(e);
        setRestoring(false);
      },
    );
  }, []);

  if (restoring) return <p className="loading">Signing in…</p>;
  if (!session) return <SignIn onSignedIn={setSession} initialError={restoreError} />;

  const [section = 'workflows', id] = route.segments;
  function signOut() {
    storeKey(null);
    setSession(null);
  }

  return (
    <SessionContext.Provider value={session}>
      <div className="app">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="app-header">
          <span className="brand">RunbookHost</span>
          <nav aria-label="Main">
            {sections.map((s) => (
              <a key={s.key} href={href(s.key)} aria-current={section === s.key ? 'page' : undefined}>
                {s.label}
              </a>
            ))}
          </nav>
          <div className="user-badge">
            <span>{session.name ?? 'Signed in'}</span>
            <span className="roles" title="Roles">
              {session.roles ? session.roles.join(', ') || 'no roles' : 'roles unknown'}
            </span>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </div>
        </header>
        <main id="main" className="app-main" tabIndex={-1}>
          {section === 'workflows' && !id && <WorkflowList />}
          {section === 'workflows' && id && <WorkflowEditor key={id} definitionId={id} />}
          {section === 'runs' && !id && <RunList query={route.query} />}
          {section === 'runs' && id && <RunView key={id} runId={id} />}
          {section === 'approvals' && <ApprovalsInbox />}
          {section === 'lab' && <LabView />}
          {!sections.some((s) => s.key === section) && <p className="page">Nothing here. Choose a section above.</p>}
        </main>
      </div>
    </SessionContext.Provider>
  );
}
