import { useClient } from '../auth/session';
import { runStatuses } from '../api/types';
import { ErrorBanner } from '../shared/ErrorBanner';
import { formatTime } from '../shared/format';
import { href, navigate } from '../shared/route';
import { statusClass } from '../shared/status';
import { useAsync } from '../shared/useAsync';
import { useAutoRefresh } from '../shared/useAutoRefresh';
import { runFault } from './runStatus';
import './runs.css';

const PAGE = 25;

/** Runs with status / workflow filters and paging; the filters live in the URL. */
export function RunList({ query }: { query: URLSearchParams }) {
  const client = useClient();
  const status = query.get('status') ?? '';
  const definitionId = query.get('definitionId') ?? '';
  const skip = Math.max(0, Number(query.get('skip') ?? 0) || 0);
  const runs = useAsync(() => client.runs({ status, definitionId, skip, take: PAGE }), [client, status, definitionId, skip]);
  useAutoRefresh(runs.reload);
  const workflows = useAsync(() => client.workflows(), [client]);

  function go(next: { status?: string; definitionId?: string; skip?: number }) {
    const params = new URLSearchParams();
    const s = next.status ?? status;
    const d = next.definitionId ?? definitionId;
    const k = next.skip ?? 0;
    if (s) params.set('status', s);
    if (d) params.set('definitionId', d);
    if (k) params.set('skip', String(k));
    const qs = params.toString();
    navigate(`${href('runs')}${qs ? `?${qs}` : ''}`);
  }

  const total = runs.data?.total ?? 0;
  return (
    <section className="page" aria-labelledby="runs-title">
      <h1 id="runs-title">Runs</h1>
      <div className="row filters">
        <label htmlFor="run-status">Status</label>
        <select id="run-status" value={status} onChange={(e) => go({ status: e.target.value })}>
          <option value="">All</option>
          {runStatuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label htmlFor="run-definition">Workflow</label>
        <select id="run-definition" value={definitionId} onChange={(e) => go({ definitionId: e.target.value })}>
          <option value="">All</option>
          {definitionId && !workflows.data?.some((w) => w.definitionId === definitionId) && <option value={definitionId}>{definitionId}</option>}
          {workflows.data?.map((w) => (
            <option key={w.definitionId} value={w.definitionId}>
              {w.name || w.definitionId}
            </option>
          ))}
        </select>
        <button type="button" onClick={runs.reload}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={runs.error} />
      {runs.data && (
        <>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Workflow</th>
                <th scope="col">Status</th>
                <th scope="col">Started by</th>
                <th scope="col">Started</th>
                <th scope="col">Finished</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.items.map((r) => (
                <tr key={r.runId}>
                  <td>
                    <a href={href('runs', r.runId)}>
                      <code>{r.runId}</code>
                    </a>
                  </td>
                  <td>
                    {r.definitionId} {r.version !== undefined && <span className="muted">v{r.version}</span>}
                  </td>
                  <td>
                    <span className={`status ${statusClass(r.status)}`}>{r.status}</span>
                    {runFault(r) && <div className="muted run-fault-text">{runFault(r)}</div>}
                  </td>
                  <td>{r.startedBy}</td>
                  <td>{formatTime(r.startedAt)}</td>
                  <td>{formatTime(r.finishedAt)}</td>
                </tr>
              ))}
              {runs.data.items.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No runs match.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <nav className="row pager" aria-label="Pages">
            <button type="button" disabled={skip === 0} onClick={() => go({ skip: Math.max(0, skip - PAGE) })}>
              Previous
            </button>
            <span>
              {total === 0 ? 0 : skip + 1}–{Math.min(skip + PAGE, total)} of {total}
            </span>
            <button type="button" disabled={skip + PAGE >= total} onClick={() => go({ skip: skip + PAGE })}>
              Next
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
