import { useState, type FormEvent } from 'react';
import type { Approval, DecisionResult } from '../api/types';
import { useClient, useSession } from '../auth/session';
import { ErrorBanner } from '../shared/ErrorBanner';
import { formatTime } from '../shared/format';
import { href } from '../shared/route';
import { gateActions } from './gateActions';

/** One waiting gate: what to check, a comment, approve / reject (a manual step can only be marked done). */
export function DecisionForm({ approval, onDecided, showRun }: { approval: Approval; onDecided: (r: DecisionResult) => void; showRun?: boolean }) {
  const client = useClient();
  const session = useSession();
  const actions = gateActions(approval, session);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const manual = approval.kind === 'manualStep';
  const commentId = `comment-${approval.approvalId}`;

  async function decide(decision: 'approve' | 'reject', e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onDecided(await client.decide(approval.approvalId, decision, comment));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="gate" onSubmit={(e) => void decide('approve', e)} aria-label={`${manual ? 'Manual step' : 'Approval'}: ${approval.title ?? approval.activityId}`} data-approval-id={approval.approvalId} data-kind={approval.kind}>
      <div className="gate-head">
        <span className={`gate-kind ${manual ? 'manual' : 'approval'}`}>{manual ? 'Manual step' : 'Approval'}</span>
        <strong>{approval.title ?? approval.activityId}</strong>
      </div>
      {approval.instructions && <p className="gate-instructions">{approval.instructions}</p>}
      <p className="muted gate-meta">
        {showRun && (
          <>
            Run <a href={href('runs', approval.runId)}>{approval.runId}</a> ·{' '}
          </>
        )}
        activity <code>{approval.activityId}</code> · requested {formatTime(approval.requestedAt)}
        {approval.startedBy && <> · run started by {approval.startedBy}</>}
        {approval.allowedRoles && approval.allowedRoles.length > 0 && <> · for {approval.allowedRoles.join(', ')}</>}
        {approval.expiresAt && <> · expires {formatTime(approval.expiresAt)}</>}
      </p>
      {!manual && <p className="muted gate-meta">Four eyes: the person who started the run cannot approve it.</p>}
      {actions.blocked ? (
        <p className="muted gate-blocked" data-testid="gate-blocked">
          {actions.blocked}
        </p>
      ) : (
        <>
          <label htmlFor={commentId}>Comment</label>
          <textarea id={commentId} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              {actions.approveLabel}
            </button>
            {actions.canReject && (
              <button type="button" className="danger" disabled={busy} onClick={() => void decide('reject')}>
                Reject
              </button>
            )}
          </div>
        </>
      )}
      <ErrorBanner error={error} />
    </form>
  );
}
