import type { JournalRecord } from '../api/types';
import { formatTime } from '../shared/format';
import { statusClass } from '../shared/status';

/** The journal, newest last, each record expandable to its data and hash. */
export function Timeline({ records, focus }: { records: readonly JournalRecord[]; focus?: string }) {
  const shown = focus ? records.filter((r) => r.activityId === focus) : records;
  return (
    <ol className="timeline" aria-label={focus ? `Journal of ${focus}` : 'Journal'}>
      {shown.map((r) => (
        <li key={r.seq} className={`timeline-item ${statusClass(r.kind)}`} data-kind={r.kind}>
          <div className="timeline-head">
            <span className="timeline-seq">#{r.seq}</span>
            <time dateTime={r.at}>{formatTime(r.at)}</time>
            <span className="timeline-kind">{r.kind}</span>
            {r.activityId && <code>{r.activityId}</code>}
            {r.actor && <span className="muted">by {r.actor}</span>}
          </div>
          <div className="timeline-message">{r.message}</div>
          {(r.data || r.hash) && (
            <details>
              <summary>Details</summary>
              {r.data && <pre className="json-block">{JSON.stringify(r.data, null, 2)}</pre>}
              <div className="muted hash">
                hash <code>{r.hash}</code>
                <br />
                prev <code>{r.prevHash}</code>
              </div>
            </details>
          )}
        </li>
      ))}
      {shown.length === 0 && <li className="muted">No journal records yet.</li>}
    </ol>
  );
}
