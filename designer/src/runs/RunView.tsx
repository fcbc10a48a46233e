import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ActivityDescriptor, JournalRecord, RunDetail, WorkflowDefinition } from '../api/types';
import { hasRole, useClient, useSession } from '../auth/session';
import { DecisionForm } from '../approvals/DecisionForm';
import { CanvasContext, type CanvasView } from '../canvas/CanvasContext';
import { nodeTypes } from '../canvas/ActivityNodeView';
import { needsLayout, toGraph } from '../graph/definition';
import { autoLayout } from '../graph/layout';
import { outcomesOf } from '../graph/ports';
import { emptyErrorIndex } from '../graph/validation';
import { ErrorBanner } from '../shared/ErrorBanner';
import { formatTime } from '../shared/format';
import { href } from '../shared/route';
import { statusClass } from '../shared/status';
import { Commands } from './Commands';
import { IncidentForm } from './IncidentForm';
import { ReportPanel } from './ReportPanel';
import { activityStatuses, describeExecution, isFinished, runFault, takenPorts } from './runStatus';
import { runReload } from './runReload';
import { Timeline } from './Timeline';
import { useRunEvents } from './useRunEvents';
import '../canvas/canvas.css';
import '../approvals/approvals.css';
import './runs.css';

type Tab = 'gates' | 'timeline' | 'commands' | 'report';
const tabs: { key: Tab; label: string }[] = [
  { key: 'gates', label: 'Waiting' },
  { key: 'timeline', label: 'Timeline' },
  { key: 'commands', label: 'Commands' },
  { key: 'report', label: 'Report' },
];

/** One run: the graph coloured by activity state, live from the event stream, with its journal and gates. */
export function RunView({ runId }: { runId: string }) {
  const client = useClient();
  const session = useSession();
  const [run, setRun] = useState<RunDetail>();
  const [definition, setDefinition] = useState<WorkflowDefinition>();
  const [descriptors, setDescriptors] = useState<ActivityDescriptor[]>([]);
  const [journal, setJournal] = useState<JournalRecord[]>([]);
  const [error, setError] = useState<unknown>();
  const [tab, setTab] = useState<Tab>('gates');
  const [focus, setFocus] = useState<string>();
  const [cancelReason, setCancelReason] = useState('');
  const [actionError, setActionError] = useState<unknown>();
  const [ended, setEnded] = useState(false);

  const reload = useMemo(
    () =>
      runReload(
        () => client.run(runId),
        (r) => {
          setRun(r);
          setError(undefined);
        },
        setError,
      ),
    [client, runId],
  );
  useEffect(() => () => reload.dispose(), [reload]);
  const loadRun = reload.now;

  const loadJournal = useCallback(async () => {
    try {
      const records = await client.journal(runId);
      setJournal(records);
    } catch (e) {
      setError(e);
    }
  }, [client, runId]);

  useEffect(() => {
    void (async () => {
      try {
        const r = await client.run(runId);
        setRun(r);
        const [d, ds] = await Promise.all([
          (r.version !== undefined ? client.version(r.definitionId, r.version) : client.workflow(r.definitionId)).catch(() => client.workflow(r.definitionId)),
          client.activities().catch(() => [] as ActivityDescriptor[]),
        ]);
        setDefinition(d);
        setDescriptors(ds);
      } catch (e) {
        setError(e);
      }
    })();
    void loadJournal();
  }, [client, runId, loadJournal]);

  const onRecord = useCallback(
    (record: JournalRecord) => {
      setJournal((j) => (j.some((r) => r.seq === record.seq) ? j : [...j, record].sort((a, b) => a.seq - b.seq)));
      reload.soon();
    },
    [reload],
  );
  const onPoll = useCallback(() => {
    loadRun();
    void loadJournal();
  }, [loadRun, loadJournal]);
  // The host's `end`: the stream is closed, the run's final state is asked for once, and the stream is not
  // opened again even if that state does not read as finished.
  const onEnd = useCallback(() => {
    setEnded(true);
    reload.end();
  }, [reload]);
  const finished = isFinished(run?.status) || (run?.status === 'Faulted' && Boolean(run.finishedAt));
  const live = useRunEvents(client, runId, run !== undefined && !finished && !ended, onRecord, onPoll, onEnd);

  const descriptorMap = useMemo(() => new Map(descriptors.map((d) => [d.type, d])), [descriptors]);
  const graph = useMemo(() => {
    if (!definition) return { nodes: [], edges: [] };
    const g = toGraph(definition);
    const laid = needsLayout(definition) ? autoLayout(g) : g;
    return { nodes: laid.nodes.map((n) => ({ ...n, draggable: false, selected: n.id === focus })), edges: laid.edges };
  }, [definition, focus]);
  const statuses = useMemo(() => (run ? activityStatuses(run) : new Map<string, string>()), [run]);
  const usedPorts = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const e of graph.edges) map.set(e.source, [...(map.get(e.source) ?? []), e.sourceHandle ?? '']);
    return map;
  }, [graph.edges]);
  const view: CanvasView = useMemo(() => ({ descriptors: descriptorMap, errors: emptyErrorIndex, usedPorts, runStatus: statuses, readOnly: true }), [descriptorMap, usedPorts, statuses]);
  const edges = useMemo(() => {
    const taken = takenPorts(run);
    return graph.edges.map((e) => (taken.has(`${e.source}.${e.sourceHandle}`) ? { ...e, animated: false, className: 'edge-taken' } : e));
  }, [graph.edges, run]);

  function outcomesFor(activityId: string): string[] {
    const a = definition?.root.activities?.find((x) => x.id === activityId);
    return a ? outcomesOf(a, descriptorMap.get(a.type)) : ['Done'];
  }

  async function cancel() {
    setActionError(undefined);
    try {
      await client.cancel(runId, cancelReason);
      setCancelReason('');
      loadRun();
    } catch (e) {
      setActionError(e);
    }
  }

  if (!run) {
    return (
      <div className="page">
        <ErrorBanner error={error} />
        {!error && <p className="loading">Loading run {runId}…</p>}
      </div>
    );
  }

  const openIncidents = (run.incidents ?? []).filter((i) => !i.resolution);
  const waitingCount = (run.pendingApprovals ?? []).length + openIncidents.length;
  const focused = focus ? run.activities.filter((a) => a.activityId === focus) : [];

  return (
    <div className="run-view" data-run-status={run.status}>
      <div className="run-header">
        <h1>
          <a href={`${href('runs')}?definitionId=${encodeURIComponent(run.definitionId)}`}>{run.definitionId}</a> <span className="muted">v{run.version}</span> · run <code>{run.runId}</code>
        </h1>
        <span className={`status ${statusClass(run.status)}`} role="status" aria-label={`Run status ${run.status}`} data-testid="run-status">
          {run.status}
        </span>
        <span className={`live live-${live}`} title="Event stream">
          {live === 'live' ? '● live' : live === 'polling' ? '○ polling' : live === 'closed' ? 'finished' : '… connecting'}
        </span>
        <span className="muted">
          started by {run.startedBy} {formatTime(run.startedAt)}
          {run.finishedAt && <> · finished {formatTime(run.finishedAt)}</>}
        </span>
        {!finished && hasRole(session, 'operator') && (
          <form
            className="row cancel-form"
            onSubmit={(e) => {
              e.preventDefault();
              void cancel();
            }}
          >
            <label htmlFor="cancel-reason" className="sr-only">
              Reason for cancelling
            </label>
            <input id="cancel-reason" placeholder="Reason to cancel" value={cancelReason} onChange={(e) => setCancelReason(e.target.value)} required />
            <button type="submit" className="danger">
              Cancel run
            </button>
          </form>
        )}
      </div>
      {runFault(run) && (
        <div className="banner banner-error run-fault" data-testid="run-fault">
          <div className="banner-text">
            <strong>The run stopped:</strong> {runFault(run)}
          </div>
        </div>
      )}
      <ErrorBanner error={error} />
      <ErrorBanner error={actionError} onDismiss={() => setActionError(undefined)} />
      <div className="run-body">
        <div className="canvas" aria-label="Run graph">
          <ReactFlowProvider>
            <CanvasContext.Provider value={view}>
              <ReactFlow
                nodes={graph.nodes}
                edges={edges}
                nodeTypes={nodeTypes}
                nodesDraggable={false}
                nodesConnectable={false}
                deleteKeyCode={null}
                fitView
                minZoom={0.1}
                proOptions={{ hideAttribution: true }}
                onNodeClick={(_, n) => setFocus((f) => (f === n.id ? undefined : n.id))}
                onPaneClick={() => setFocus(undefined)}
              >
                <Background />
                <Controls showInteractive={false} />
              </ReactFlow>
            </CanvasContext.Provider>
          </ReactFlowProvider>
        </div>
        <aside className="run-side" aria-label="Run details">
          {focus && (
            <section className="focus" aria-label={`Activity ${focus}`}>
              <div className="row">
                <strong>{focus}</strong>
                <span className={`status ${statusClass(statuses.get(focus))}`}>{statuses.get(focus) ?? 'not started'}</span>
                <button type="button" className="icon-button" aria-label="Close activity details" onClick={() => setFocus(undefined)}>
                  ×
                </button>
              </div>
              {focused.map((a, i) => (
                <p key={a.path ?? i} className="muted">
                  {describeExecution(a)} · {formatTime(a.startedAt)} – {formatTime(a.completedAt)}
                </p>
              ))}
            </section>
          )}
          <div role="tablist" aria-label="Run panels" className="tabs">
            {tabs.map((t) => (
              <button
                key={t.key}
                type="button"
                role="tab"
                id={`tab-${t.key}`}
                aria-selected={tab === t.key}
                aria-controls={`panel-${t.key}`}
                tabIndex={tab === t.key ? 0 : -1}
                onClick={() => setTab(t.key)}
                onKeyDown={(e) => {
                  const i = tabs.findIndex((x) => x.key === tab);
                  const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : undefined;
                  if (next) {
                    setTab(next.key);
                    document.getElementById(`tab-${next.key}`)?.focus();
                  }
                }}
              >
                {t.label}
                {t.key === 'gates' && waitingCount > 0 && <span className="badge">{waitingCount}</span>}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
            {tab === 'gates' && (
              <div className="gates">
                {waitingCount === 0 && <p className="muted">Nothing is waiting for a person.</p>}
                {(run.pendingApprovals ?? []).map((a) => (
                  <DecisionForm key={a.approvalId} approval={a} onDecided={loadRun} />
                ))}
                {openIncidents.map((i) => (
                  <IncidentForm key={i.incidentId} runId={run.runId} incident={i} outcomes={outcomesFor(i.activityId)} onResolved={loadRun} />
                ))}
              </div>
            )}
            {tab === 'timeline' && <Timeline records={journal} focus={focus} />}
            {tab === 'commands' && <Commands records={focus ? journal.filter((r) => r.activityId === focus) : journal} />}
            {tab === 'report' && <ReportPanel runId={run.runId} />}
          </div>
        </aside>
      </div>
    </div>
  );
}
