import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../src/api/types';
import { activityStatuses, describeExecution, isFinished, outcomesOfActivity, runFault, takenPorts } from '../src/runs/runStatus';
// GET /api/runs/{id} of two activation runs: one the name guard stopped (a Fail activity ended it),
// one waiting at an open incident on 'recover' (setup.com failed).
import faultedFixture from './fixtures/run-faulted.json';
import incidentFixture from './fixtures/run-incident.json';
import forkFixture from './fixtures/run-fork.json';

const faulted = faultedFixture as unknown as RunDetail;
const atIncident = incidentFixture as unknown as RunDetail;

describe('runFault', () => {
  it("shows why a run ended faulted, from the host's 'fault'", () => {
    expect(runFault(faulted)).toMatch(/^Storage was not flipped: MBX-1 answers/);
  });

  it('has nothing to say for a run waiting at an incident', () => {
    expect(atIncident.status).toBe('Faulted');
    expect(runFault(atIncident)).toBeUndefined();
  });
});

describe('activityStatuses', () => {
  it('marks the activity of an open incident as faulted and the rest as the host reports them', () => {
    const statuses = activityStatuses(atIncident);
    expect(statuses.get('recover')).toBe('Faulted');
    expect(statuses.get('flip')).toBe('Completed');
  });

  it('knows a faulted run with finishedAt has ended, and one at an incident has not', () => {
    expect(Boolean(faulted.finishedAt) && faulted.status === 'Faulted').toBe(true);
    expect(isFinished(atIncident.status) || Boolean(atIncident.finishedAt)).toBe(false);
  });
});

describe('takenPorts', () => {
  // GET /api/runs/{id} of a completed run of Fork(Left, Right) -> Log left / Log right -> Join -> Log done.
  const forkRun = forkFixture as unknown as RunDetail;

  it("follows every branch of a Fork, whose outcomes the host sends as 'Left,Right'", () => {
    expect(forkRun.activities.find((a) => a.activityId === 'fork')?.outcome).toBe('Left,Right');
    const taken = takenPorts(forkRun);
    expect(taken.has('fork.Left')).toBe(true);
    expect(taken.has('fork.Right')).toBe(true);
    expect(taken.has('join.Done')).toBe(true);
  });

  it('reads single outcomes and activities without one', () => {
    expect([...takenPorts(faulted)]).toContain('nameGuard.Failed');
    expect(outcomesOfActivity(null)).toEqual([]);
  });
});

describe('describeExecution', () => {
  it("shows a failed activity's error from the host", () => {
    const recover = atIncident.activities.find((a) => a.activityId === 'recover')!;
    expect(describeExecution(recover)).toMatch(/^Faulted · setup\.com \/recoverCMS .* on NodeC failed/);
  });

  it('shows the outcomes of a completed one', () => {
    const fork = (forkFixture as unknown as RunDetail).activities.find((a) => a.activityId === 'fork')!;
    expect(describeExecution(fork)).toBe('Completed → Left, Right');
  });
});
