import { ReactFlowProvider } from '@xyflow/react';
import { ApiError } from '../api/client';
import type { WorkflowDefinition } from '../api/types';
import { useClient } from '../auth/session';
import { ErrorBanner } from '../shared/ErrorBanner';
import { useAsync } from '../shared/useAsync';
import { EditorWorkspace } from './EditorWorkspace';
import './workflows.css';

/** A definition nobody has saved yet. */
export function blankDefinition(definitionId: string): WorkflowDefinition {
  return {
    definitionId,
    name: definitionId,
    description: '',
    version: 0,
    isPublished: false,
    inputs: [],
    variables: [],
    root: { id: 'flowchart', type: 'Flowchart', version: 1, activities: [], connections: [] },
  };
}

/** Loads the catalogue and the latest version, then opens the editor. */
export function WorkflowEditor({ definitionId }: { definitionId: string }) {
  const client = useClient();
  const loaded = useAsync(async () => {
    const [descriptors, definition] = await Promise.all([
      client.activities(),
      client.workflow(definitionId).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return blankDefinition(definitionId);
        throw e;
      }),
    ]);
    return { descriptors, definition };
  }, [client, definitionId]);

  if (loaded.error) {
    return (
      <div className="page">
        <ErrorBanner error={loaded.error} />
      </div>
    );
  }
  if (!loaded.data) return <p className="loading">Loading {definitionId}…</p>;
  return (
    <ReactFlowProvider>
      <EditorWorkspace descriptors={loaded.data.descriptors} initial={loaded.data.definition} />
    </ReactFlowProvider>
  );
}
