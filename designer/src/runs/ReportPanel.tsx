import { useState } from 'react';
import { useClient } from '../auth/session';
import { ErrorBanner } from '../shared/ErrorBanner';
import { download } from '../shared/format';

/** The audit report: shown inline (HTML, sandboxed) and downloadable as HTML, CSV or JSON. */
export function ReportPanel({ runId }: { runId: string }) {
  const client = useClient();
  const [html, setHtml] = useState<string>();
  const [error, setError] = useState<unknown>();

  async function show() {
    setError(undefined);
    try {
      const blob = await client.report(runId, 'html');
      setHtml(await blob.text());
    } catch (e) {
      setError(e);
    }
  }

  async function save(format: 'html' | 'csv' | 'json') {
    setError(undefined);
    try {
      download(await client.report(runId, format), `run-${runId}.${format}`);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="report">
      <div className="row">
        <button type="button" className="primary" onClick={() => void show()}>
          Show report
        </button>
        <button type="button" onClick={() => void save('html')}>
          Download HTML
        </button>
        <button type="button" onClick={() => void save('csv')}>
          Download CSV
        </button>
        <button type="button" onClick={() => void save('json')}>
          Download JSON
        </button>
      </div>
      <ErrorBanner error={error} />
      {html !== undefined && <iframe title="Run report" className="report-frame" srcDoc={html} sandbox="" />}
    </div>
  );
}
