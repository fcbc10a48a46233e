import type { JsonValue } from '../api/types';

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function humanize(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

function Scalar({ value }: { value: JsonValue }) {
  if (value === null) return <span className="muted">–</span>;
  if (typeof value === 'boolean') return <span className={value ? 'yes' : 'no'}>{value ? 'yes' : 'no'}</span>;
  return <>{String(value)}</>;
}

/** Any JSON, readable: objects as term lists, lists of similar objects as tables. */
export function JsonView({ value, depth = 0 }: { value: JsonValue | undefined; depth?: number }) {
  if (value === undefined) return <span className="muted">–</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    if (value.every((v) => !isObject(v) && !Array.isArray(v))) return <>{value.map((v) => String(v)).join(', ')}</>;
    const objects = value.filter(isObject);
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    if (objects.length === value.length && keys.length <= 8 && depth < 4) {
      return (
        <table className="data compact">
          <thead>
            <tr>
              {keys.map((k) => (
                <th key={k} scope="col">
                  {humanize(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {objects.map((o, i) => (
              <tr key={i}>
                {keys.map((k) => (
                  <td key={k}>
                    <JsonView value={o[k]} depth={depth + 1} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    return (
      <ul className="json-list">
        {value.map((v, i) => (
          <li key={i}>
            <JsonView value={v} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return <span className="muted">–</span>;
    return (
      <dl className="kv">
        {entries.map(([k, v]) => (
          <div key={k} className="kv-row">
            <dt>{humanize(k)}</dt>
            <dd>
              <JsonView value={v} depth={depth + 1} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <Scalar value={value} />;
}
