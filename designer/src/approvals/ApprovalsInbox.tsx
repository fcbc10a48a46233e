import { useState } from 'react';
import { useClient } from '../auth/session';
import { ErrorBanner } from '../shared/ErrorBanner';
import { useAsync } from '../shared/useAsync';
import { useAutoRefresh } from '../shared/useAutoRefresh';
import { DecisionForm } from './DecisionForm';
import './approvals.css';

/** Every human gate waiting, across runs. */
export function ApprovalsInbox() {
  const client = useClient();
  const pending = useAsync(() => client.approvals({ status: 'pending' }), [client]);
  // Gates open and close as runs move on and other people decide: the inbox follows without a click.
  useAutoRefresh(pending.reload);
  const [message, setMessage] = useState('');

  return (
    <section className="page" aria-labelledby="approvals-title">
      <div className="row">
        <h1 id="approvals-title">Approvals</h1>
        <button type="button" onClick={pending.reload}>
          Refresh
        </button>
      </div>
      <p role="status" className="muted">
        {message}
      </p>
      <ErrorBanner error={pending.error} />
      {pending.data && pending.data.length === 0 && <p className="muted">Nothing is waiting for a decision.</p>}
      <div className="gates">
        {pending.data?.map((a) => (
          <DecisionForm
            key={a.approvalId}
            approval={a}
            showRun
            onDecided={(r) => {
              setMessage(`${r.decision === 'approve' ? 'Approved' : 'Rejected'} “${a.title ?? a.activityId}” as ${r.decidedBy}.`);
              pending.reload();
            }}
          />
        ))}
      </div>
    </section>
  );
}
