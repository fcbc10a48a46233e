import { useState } from 'react';
import type { JsonValue } from '../api/types';
import { useClient, useSession } from '../auth/session';
import { ErrorBanner } from '../shared/ErrorBanner';
import { useAsync } from '../shared/useAsync';
import { useAutoRefresh } from '../shared/useAutoRefresh';
import { labAccess } from './access';
import { ActionsSection } from './ActionsSection';
import { FaultsSection } from './FaultsSection';
import { JsonView } from './JsonView';
import { isMap, namedList, pick, splitSnapshot, text, type JsonMap } from './snapshot';
import './lab.css';

type Near = 'top' | 'faults' | 'actions';

/**
 * The simulated site pair: sites, cluster groups, storage, DNS answers, active faults; admins inject and
 * clear faults and reset the lab; operators (and admins) perform operator actions, what an administrator
 * does by hand at a site when a runbook's manual step asks for it.
 */
export function LabView() {
  const client = useClient();
  const session = useSession();
  const lab = useAsync(() => client.lab(), [client]);
  const [auto, setAuto] = useState(true);
  // A failed fault or operator action is shown beside it, where the user clicked; a failed reset at the top.
  const [actionError, setActionError] = useState<{ error: unknown; near: Near }>();
  const [message, setMessage] = useState<{ text: string; near: Near }>({ text: '', near: 'top' });

  useAutoRefresh(lab.reload, auto);

  /** Runs a change; `what` says what happened, from the host's answer when it is a function. */
  async function act<T>(what: string | ((result: T) => string), call: () => Promise<T>, near: Near = 'top') {
    setActionError(undefined);
    setMessage({ text: '', near });
    try {
      const result = await call();
      setMessage({ text: typeof what === 'function' ? what(result) : what, near });
      lab.reload();
    } catch (e) {
      setActionError({ error: e, near });
    }
  }
  const actionBanner = (near: Near) => (actionError?.near === near ? <ErrorBanner error={actionError.error} onDismiss={() => setActionError(undefined)} /> : null);

  const parts = splitSnapshot(lab.data?.snapshot);
  const access = labAccess(session);

  return (
    <section className="page lab" aria-labelledby="lab-title">
      <div className="row">
        <h1 id="lab-title">Lab</h1>
        <button type="button" onClick={lab.reload}>
          Refresh
        </button>
        <label>
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> auto-refresh
        </label>
        {access.changeFaults && (
          <button type="button" className="danger" onClick={() => void act('Lab reset.', () => client.resetLab())}>
            Reset lab
          </button>
        )}
      </div>
      <p role="status" className="muted">
        {message.near === 'actions' ? '' : message.text}
      </p>
      <ErrorBanner error={lab.error} />
      {actionBanner('top')}
      {lab.data !== undefined && (
        <>
          <div className="lab-grid">
            {namedList(parts.sites).map((s) => (
              <SiteCard key={s.name} name={s.name} site={s.value} />
            ))}
          </div>
          {parts.replication !== undefined && (
            <section className="lab-section" aria-label="Storage replication">
              <h2>Storage replication</h2>
              <Storage value={parts.replication} />
            </section>
          )}
          {parts.dns !== undefined && (
            <section className="lab-section" aria-label="DNS">
              <h2>DNS</h2>
              <Dns value={parts.dns} />
            </section>
          )}
          <FaultsSection
            active={lab.data.active}
            catalog={lab.data.catalog}
            onClear={access.changeFaults ? (name) => void act(`Cleared ${name}.`, () => client.clearFault(name), 'faults') : undefined}
            onInject={access.changeFaults ? (request) => void act(`Injected ${request.fault}.`, () => client.injectFault(request), 'faults') : undefined}
          >
            {actionBanner('faults')}
          </FaultsSection>
          <ActionsSection
            actions={lab.data.actions}
            onPerform={access.performActions ? (request) => void act((r) => r.message, () => client.performLabAction(request), 'actions') : undefined}
            result={message.near === 'actions' ? message.text : ''}
          >
            {actionBanner('actions')}
          </ActionsSection>
          {Object.keys(parts.rest).length > 0 && (
            <section className="lab-section" aria-label="Other state">
              <h2>Other state</h2>
              <JsonView value={parts.rest} />
            </section>
          )}
        </>
      )}
    </section>
  );
}

function SiteCard({ name, site }: { name: string; site: JsonValue }) {
  const m: JsonMap = isMap(site) ? site : {};
  const state = text(pick(m, 'state', 'status', 'health'));
  const groups = pick(m, 'clusterGroups', 'groups', 'cluster');
  const rest = Object.fromEntries(Object.entries(m).filter(([k]) => !['name', 'id', 'site', 'state', 'status', 'health', 'clusterGroups', 'groups', 'cluster'].includes(k)));
  return (
    <article className="site-card" aria-label={`Site ${name}`}>
      <header className="row">
        <h2>{text(pick(m, 'displayName', 'name')) ?? name}</h2>
        {state && <span className={`status ${/up|online|ok|healthy|active/i.test(state) ? 'status-completed' : /down|fail|offline|isolat/i.test(state) ? 'status-faulted' : ''}`}>{state}</span>}
      </header>
      {groups !== undefined && <ClusterGroups value={groups} />}
      <JsonView value={rest} />
    </article>
  );
}

function ClusterGroups({ value }: { value: JsonValue }) {
  const groups = namedList(value);
  if (groups.length === 0) return <JsonView value={value} />;
  return (
    <div className="groups">
      {groups.map((g) => {
        const m: JsonMap = isMap(g.value) ? g.value : {};
        const owner = text(pick(m, 'owner', 'ownerNode', 'ownedBy', 'node'));
        const state = text(pick(m, 'state', 'status'));
        const resources = pick(m, 'resources');
        const rest = Object.fromEntries(Object.entries(m).filter(([k]) => !['name', 'id', 'owner', 'ownerNode', 'ownedBy', 'node', 'state', 'status', 'resources'].includes(k)));
        return (
          <div key={g.name} className="group">
            <div className="row">
              <strong>{g.name}</strong>
              {state && <span className={`status ${/online/i.test(state) ? 'status-completed' : /fail/i.test(state) ? 'status-faulted' : 'status-cancelled'}`}>{state}</span>}
              {owner && <span className="muted">owner {owner}</span>}
            </div>
            {resources !== undefined && <JsonView value={resources} depth={1} />}
            {Object.keys(rest).length > 0 && <JsonView value={rest} depth={1} />}
          </div>
        );
      })}
    </div>
  );
}

function Storage({ value }: { value: JsonValue }) {
  const items = namedList(value);
  return (
    <div className="storage">
      {items.map((s) => {
        const m: JsonMap = isMap(s.value) ? s.value : {};
        const direction = pick(m, 'direction');
        const source = text(pick(m, 'sourceSite', 'source'));
        const target = text(pick(m, 'targetSite', 'target'));
        const sync = text(pick(m, 'state', 'status'));
        return (
          <div key={s.name} className="storage-row">
            <strong>{s.name}</strong>{' '}
            <span className="direction" aria-label="Direction">
              {text(direction) ?? (source || target ? `${source ?? '?'} → ${target ?? '?'}` : '')}
            </span>{' '}
            {sync && <span className={`status ${/sync|full|in.?sync/i.test(sync) && !/out|partial|broken|suspend/i.test(sync) ? 'status-completed' : 'status-suspended'}`}>{sync}</span>}
            <JsonView value={Object.fromEntries(Object.entries(m).filter(([k]) => !['direction', 'sourceSite', 'targetSite', 'source', 'target', 'state', 'status', 'name', 'group'].includes(k)))} depth={1} />
          </div>
        );
      })}
    </div>
  );
}

function Dns({ value }: { value: JsonValue }) {
  const servers = namedList(isMap(value) && pick(value, 'servers') !== undefined ? pick(value, 'servers') : value);
  if (servers.length === 0) return <JsonView value={value} />;
  return (
    <table className="data compact">
      <thead>
        <tr>
          <th scope="col">DNS server</th>
          <th scope="col">Answer</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {servers.map((s) => {
          const m: JsonMap = isMap(s.value) ? s.value : {};
          const answer = isMap(s.value) ? pick(m, 'answer', 'answers', 'address', 'addresses', 'records', 'a') : s.value;
          return (
            <tr key={s.name}>
              <td>{s.name}</td>
              <td>
                <JsonView value={answer} depth={2} />
              </td>
              <td>
                <JsonView value={Object.fromEntries(Object.entries(m).filter(([k]) => !['name', 'server', 'id', 'answer', 'answers', 'address', 'addresses', 'records', 'a'].includes(k)))} depth={2} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
