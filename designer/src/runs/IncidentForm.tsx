import { useState, type FormEvent } from 'react';
import type { Incident, IncidentAction } from '../api/types';
import { useClient } from '../auth/session';
import { ErrorBanner } from '../shared/ErrorBanner';
import { formatTime } from '../shared/format';

/** Resolves an incident: retry, skip on a chosen outcome, or abort the run. */
export function IncidentForm({ runId, incident, outcomes, onResolved }: { runId: string; incident: Incident; outcomes: string[]; onResolved: () => void }) {
  const client = useClient();
  const [action, setAction] = useState<IncidentAction>('retry');
  const [outcome, setOutcome] = useState(outcomes[0] ?? '');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const base = `incident-${incident.incidentId}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await client.resolveIncident(runId, incident.incidentId, action, comment, action === 'skip' ? outcome : undefined);
      onResolved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="incident" onSubmit={submit} aria-label={`Incident on ${incident.activityId}`}>
      <div className="gate-head">
        <span className="gate-kind incident-kind">{incident.kind === 'InDoubt' ? 'In doubt' : 'Incident'}</span>
        <code>{incident.activityId}</code>
        {incident.attempts !== undefined && <span className="muted">after {incident.attempts} attempt(s)</span>}
      </div>
      <p className="incident-message">{incident.message}</p>
      <p className="muted gate-meta">opened {formatTime(incident.openedAt)}</p>
      <fieldset className="row">
        <legend>Action</legend>
        {(['retry', 'skip', 'abort'] as const).map((a) => (
          <label key={a}>
            <input type="radio" name={`${base}-action`} value={a} checked={action === a} onChange={() => setAction(a)} /> {a === 'retry' ? 'Retry' : a === 'skip' ? 'Skip, continuing on' : 'Abort the run'}
          </label>
        ))}
        <label htmlFor={`${base}-outcome`} className="sr-only">
          Outcome to continue on
        </label>
        <select id={`${base}-outcome`} value={outcome} disabled={action !== 'skip'} onChange={(e) => setOutcome(e.target.value)}>
          {outcomes.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </fieldset>
      <label htmlFor={`${base}-comment`}>Comment</label>
      <textarea id={`${base}-comment`} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} required={action !== 'retry'} />
      <div className="row">
        <button type="submit" className={action === 'abort' ? 'danger' : 'primary'} disabled={busy}>
          {action === 'retry' ? 'Retry' : action === 'skip' ? `Skip on ${outcome}` : 'Abort run'}
        </button>
      </div>
      <ErrorBanner error={error} />
    </form>
  );
}
