import { useEffect, useState, type FormEvent } from 'react';
import type { JsonObject, JsonValue } from '../api/types';
import { hasRole, useClient, useSession } from '../auth/session';
import { isRecord } from '../graph/model';
import { ErrorBanner } from '../shared/ErrorBanner';
import { useAsync } from '../shared/useAsync';
import { humanize, JsonView } from './JsonView';
import { faultId, isMap, namedList, pick, splitSnapshot, text, type JsonMap } from './snapshot';
import './lab.css';

/** The simulated site pair: sites, cluster groups, storage, DNS answers and injected faults. */
export function LabView() {
  const client = useClient();
  const session = useSession();
  const lab = useAsync(() => client.lab(), [client]);
  const [auto, setAuto] = useState(true);
  const [actionError, setActionError] = useState<unknown>();
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (!auto) return;
    const t = setInterval(lab.reload, 5000);
    return () => clearInterval(t);
  }, [auto, lab.reload]);

  async function act(what: string, call: () => Promise<unknown>) {
    setActionError(undefined);
    try {
      await call();
      setMessage(what);
      lab.reload();
    } catch (e) {
      setActionError(e);
    }
  }

  const parts = splitSnapshot(lab.data);
  const admin = hasRole(session, 'admin');
  const faults = Array.isArray(parts.faults) ? parts.faults : parts.faults !== undefined ? namedList(parts.faults).map((f) => f.value) : [];

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
        {admin && (
          <button type="button" className="danger" onClick={() => void act('Lab reset.', () => client.resetLab())}>
            Reset lab
          </button>
        )}
      </div>
      <p role="status" className="muted">
        {message}
      </p>
      <ErrorBanner error={lab.error} />
      <ErrorBanner error={actionError} onDismiss={() => setActionError(undefined)} />
      {lab.data !== undefined && (
        <>
          <div className="lab-grid">
            {namedList(parts.sites).map((s) => (
              <SiteCard key={s.name} name={s.name} site={s.value} />
            ))}
          </div>
          {parts.clusters !== undefined && (
            <section className="lab-section" aria-label="Cluster">
              <h2>Cluster</h2>
              <ClusterGroups value={parts.clusters} />
            </section>
          )}
          {parts.storage !== undefined && (
            <section className="lab-section" aria-label="Storage replication">
              <h2>Storage replication</h2>
              <Storage value={parts.storage} />
            </section>
          )}
          {parts.dns !== undefined && (
            <section className="lab-section" aria-label="DNS">
              <h2>DNS</h2>
              <Dns value={parts.dns} />
            </section>
          )}
          <section className="lab-section" aria-label="Faults">
            <h2>Faults</h2>
            {faults.length === 0 ? (
              <p className="muted">No fault injected.</p>
            ) : (
              <ul className="faults">
                {faults.map((f, i) => {
                  const id = faultId(f);
                  return (
                    <li key={id ?? i} className="fault">
                      <JsonView value={f} />
                      {admin && id && (
                        <button type="button" onClick={() => void act(`Cleared ${id}.`, () => client.clearFault(id))} aria-label={`Clear fault ${id}`}>
                          Clear
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
            {admin && <InjectFault catalog={parts.catalog} onInject={(f) => void act('Fault injected.', () => client.injectFault(f))} />}
          </section>
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
  const items = Array.isArray(value) ? namedList(value) : isMap(value) && pick(value, 'direction', 'syncState', 'state', 'source') !== undefined ? [{ name: 'replication', value }] : namedList(value);
  return (
    <div className="storage">
      {items.map((s) => {
        const m: JsonMap = isMap(s.value) ? s.value : {};
        const direction = pick(m, 'direction');
        const source = text(pick(m, 'source', 'from', 'primary', 'readWriteSite', 'rwSite'));
        const target = text(pick(m, 'target', 'to', 'secondary', 'readOnlySite'));
        const sync = text(pick(m, 'syncState', 'sync', 'state', 'status'));
        return (
          <div key={s.name} className="storage-row">
            <strong>{s.name}</strong>{' '}
            <span className="direction" aria-label="Direction">
              {text(direction) ?? (source || target ? `${source ?? '?'} → ${target ?? '?'}` : '')}
            </span>{' '}
            {sync && <span className={`status ${/sync|full|in.?sync/i.test(sync) && !/out|partial|broken|suspend/i.test(sync) ? 'status-completed' : 'status-suspended'}`}>{sync}</span>}
            <JsonView value={Object.fromEntries(Object.entries(m).filter(([k]) => !['direction', 'syncState', 'sync', 'state', 'status', 'name'].includes(k)))} depth={1} />
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

/** Injects a fault: from the catalogue when the lab offers one, else as JSON. */
function InjectFault({ catalog, onInject }: { catalog: JsonValue | undefined; onInject: (f: JsonObject) => void }) {
  const kinds = namedList(catalog);
  const [kind, setKind] = useState('');
  const [json, setJson] = useState('{\n  "kind": "",\n  "target": ""\n}');
  const [error, setError] = useState<string>();

  function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const parsed: unknown = JSON.parse(json);
      if (!isRecord(parsed)) throw new Error('The fault must be a JSON object.');
      const body = { ...(parsed as JsonObject) };
      if (kind) body.kind = kind;
      setError(undefined);
      onInject(body);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <form className="inject" onSubmit={submit} aria-label="Inject a fault">
      <h3>Inject a fault</h3>
      {kinds.length > 0 && (
        <div className="row">
          <label htmlFor="fault-kind">Fault</label>
          <select id="fault-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">(from the JSON below)</option>
            {kinds.map((k) => (
              <option key={k.name} value={text(isMap(k.value) ? pick(k.value, 'kind', 'name', 'id') : k.value) ?? k.name}>
                {humanize(k.name)}
                {isMap(k.value) && text(pick(k.value, 'description')) ? ` – ${text(pick(k.value, 'description'))}` : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      <label htmlFor="fault-json">Fault (JSON body of POST /api/lab/faults)</label>
      <textarea id="fault-json" className="json-text" rows={5} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} aria-invalid={error !== undefined || undefined} />
      {error && <div className="field-error">{error}</div>}
      <button type="submit" className="primary">
        Inject
      </button>
    </form>
  );
}
