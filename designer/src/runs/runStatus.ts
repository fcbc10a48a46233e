import type { RunActivity, RunDetail, RunSummary } from '../api/types';

/** Each activity's state in a run: its last execution, a waiting gate, or an open incident. */
export function activityStatuses(run: RunDetail): Map<string, string> {
  const statuses = new Map<string, string>();
  for (const a of run.activities ?? []) statuses.set(a.activityId, a.status);
  for (const p of run.pendingApprovals ?? []) statuses.set(p.activityId, 'Waiting');
  for (const i of run.incidents ?? []) if (!i.resolution) statuses.set(i.activityId, 'Faulted');
  return statuses;
}

export function isFinished(status: string | undefined): boolean {
  return status === 'Completed' || status === 'Cancelled';
}

/** Why the run ended faulted, as the host words it; undefined for a run that did not (or is only waiting on an incident). */
export function runFault(run: RunSummary): string | undefined {
  return typeof run.fault === 'string' && run.fault.trim() !== '' ? run.fault : undefined;
}

/** The outcomes an activity completed with: the host joins several (a Fork's branches) with commas. */
export function outcomesOfActivity(outcome: string | string[] | null | undefined): string[] {
  if (Array.isArray(outcome)) return outcome;
  return outcome ? outcome.split(',').map((o) => o.trim()).filter(Boolean) : [];
}

/** Every `activityId.port` the run has left through: the connections it took. */
export function takenPorts(run: RunDetail | undefined): Set<string> {
  return new Set((run?.activities ?? []).flatMap((a) => outcomesOfActivity(a.outcome).map((o) => `${a.activityId}.${o}`)));
}

/** One execution of an activity in words: status, outcomes, attempt (when retried) and the last error. */
export function describeExecution(a: RunActivity): string {
  const outcomes = outcomesOfActivity(a.outcome);
  const parts = [a.status + (outcomes.length > 0 ? ` → ${outcomes.join(', ')}` : '')];
  if (a.attempt !== undefined && a.attempt > 1) parts.push(`attempt ${a.attempt}`);
  if (a.error) parts.push(a.error);
  return parts.join(' · ');
}
