import { useState, type FormEvent } from 'react';
import { useClient, useSession, hasRole } from '../auth/session';
import { ErrorBanner } from '../shared/ErrorBanner';
import { href, navigate } from '../shared/route';
import { useAsync } from '../shared/useAsync';
import { StartRunDialog } from './StartRunDialog';
import './workflows.css';

export function WorkflowList() {
  const client = useClient();
  const session = useSession();
  const list = useAsync(() => client.workflows(), [client]);
  const [newId, setNewId] = useState('');
  const [starting, setStarting] = useState<string | null>(null);

  function create(e: FormEvent) {
    e.preventDefault();
    if (newId.trim()) navigate(href('workflows', newId.trim()));
  }

  return (
    <section className="page" aria-labelledby="workflows-title">
      <h1 id="workflows-title">Workflows</h1>
      <ErrorBanner error={list.error} />
      {list.loading && !list.data && <p className="muted">Loading…</p>}
      {list.data && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Id</th>
              <th scope="col">Latest</th>
              <th scope="col">Published</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((w) => (
              <tr key={w.definitionId}>
                <td>
                  <a href={href('workflows', w.definitionId)}>{w.name || w.definitionId}</a>
                  {w.description && <div className="muted workflow-description">{w.description}</div>}
                </td>
                <td>
                  <code>{w.definitionId}</code>
                </td>
                <td>v{w.latestVersion ?? '?'}</td>
                <td>{w.publishedVersion ? `v${w.publishedVersion}` : <span className="muted">not published</span>}</td>
                <td>
                  <div className="row">
                  <a href={href('workflows', w.definitionId)}>Open</a>
                  <a href={`${href('runs')}?definitionId=${encodeURIComponent(w.definitionId)}`}>Runs</a>
                  {hasRole(session, 'operator') && (
                    <button type="button" onClick={() => setStarting(w.definitionId)} disabled={!w.publishedVersion} title={w.publishedVersion ? undefined : 'Publish a version first'}>
                      Start run…
                    </button>
                  )}
                  </div>
                </td>
              </tr>
            ))}
            {list.data.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No workflows yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {hasRole(session, 'admin') && (
        <form className="row new-workflow" onSubmit={create}>
          <label htmlFor="new-workflow-id">New workflow id</label>
          <input id="new-workflow-id" value={newId} onChange={(e) => setNewId(e.target.value)} pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}" />
          <button type="submit" disabled={!newId.trim()}>
            Create
          </button>
        </form>
      )}
      {starting && <StartRunDialog definitionId={starting} onClose={() => setStarting(null)} />}
    </section>
  );
}
