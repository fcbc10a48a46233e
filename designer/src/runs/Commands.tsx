import type { CommandExecutedData, JournalRecord } from '../api/types';
import { formatDuration, formatTime } from '../shared/format';

function commandData(r: JournalRecord): CommandExecutedData {
  const d = r.data ?? {};
  return {
    target: typeof d.target === 'string' ? d.target : undefined,
    commandLine: typeof d.commandLine === 'string' ? d.commandLine : undefined,
    exitCode: typeof d.exitCode === 'number' ? d.exitCode : undefined,
    output: typeof d.output === 'string' ? d.output : undefined,
    durationMs: typeof d.durationMs === 'number' ? d.durationMs : undefined,
  };
}

/** Every command the run executed (journal records of kind CommandExecuted) with its output. */
export function Commands({ records }: { records: readonly JournalRecord[] }) {
  const commands = records.filter((r) => r.kind === 'CommandExecuted');
  if (commands.length === 0) return <p className="muted">No commands executed yet.</p>;
  return (
    <ol className="commands" aria-label="Commands">
      {commands.map((r) => {
        const c = commandData(r);
        const failed = c.exitCode !== undefined && c.exitCode !== 0;
        return (
          <li key={r.seq} className={`command${failed ? ' command-failed' : ''}`}>
            <div className="row">
              <code className="command-line">{c.commandLine ?? r.message}</code>
            </div>
            <div className="muted command-meta">
              on <strong>{c.target ?? '?'}</strong> · exit {c.exitCode ?? '?'} · {formatDuration(c.durationMs)} · {formatTime(r.at)}
              {r.activityId && (
                <>
                  {' '}
                  · <code>{r.activityId}</code>
                </>
              )}
            </div>
            {c.output && (
              <details open={failed}>
                <summary>Output</summary>
                <pre className="command-output">{c.output}</pre>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
