import { useEffect, useRef } from 'react';
import { useClient } from '../auth/session';
import type { WorkflowDefinition } from '../api/types';
import { ErrorBanner } from '../shared/ErrorBanner';
import { formatTime } from '../shared/format';
import { useAsync } from '../shared/useAsync';

/** The version list: open an old version read-only, or restore it as a new draft. */
export function VersionHistory({
  definitionId,
  onOpen,
  onRestore,
  onClose,
  canRestore,
}: {
  definitionId: string;
  onOpen: (definition: WorkflowDefinition) => void;
  onRestore: (definition: WorkflowDefinition) => void;
  onClose: () => void;
  canRestore: boolean;
}) {
  const client = useClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const versions = useAsync(() => client.versions(definitionId), [client, definitionId]);
  useEffect(() => dialog.current?.showModal(), []);

  async function load(version: number, then: (d: WorkflowDefinition) => void) {
    try {
      then(await client.version(definitionId, version));
      onClose();
    } catch (e) {
      alertError(e);
    }
  }

  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="versions-title" className="versions-dialog">
      <h2 id="versions-title">Versions of {definitionId}</h2>
      <ErrorBanner error={versions.error} />
      {versions.data && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">State</th>
              <th scope="col">Saved</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {[...versions.data]
              .sort((a, b) => b.version - a.version)
              .map((v) => (
                <tr key={v.version}>
                  <td>v{v.version}</td>
                  <td>{v.isPublished ? <span className="status status-completed">published</span> : <span className="muted">draft</span>}</td>
                  <td>
                    {formatTime(v.createdAt ?? v.savedAt)} {v.createdBy ?? v.savedBy ?? ''}
                  </td>
                  <td className="row">
                    <button type="button" onClick={() => void load(v.version, onOpen)}>
                      Open v{v.version}
                    </button>
                    {canRestore && (
                      <button type="button" onClick={() => void load(v.version, onRestore)}>
                        Restore v{v.version} as draft
                      </button>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <div className="row dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}

function alertError(e: unknown) {
  window.alert(e instanceof Error ? e.message : String(e));
}
