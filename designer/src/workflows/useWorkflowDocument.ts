import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import type { WorkflowDefinition } from '../api/types';
import { useClient } from '../auth/session';
import type { GraphHistory } from '../canvas/useGraphHistory';
import { needsLayout, toDefinition, toGraph } from '../graph/definition';
import { autoLayout } from '../graph/layout';
import { isRecord, type Graph } from '../graph/model';
import { download } from '../shared/format';
import { useValidation } from './useValidation';

/** A definition's graph as the canvas first shows it: laid out when the definition has no positions. */
export function initialGraph(definition: WorkflowDefinition): Graph {
  const graph = toGraph(definition);
  return needsLayout(definition) ? autoLayout(graph) : graph;
}

/**
 * The workflow being edited around the canvas graph: the definition rebuilt from the graph, its
 * server validation, and what the toolbar does with it (save, publish, versions, import, export),
 * with the status line and the error those report.
 */
export function useWorkflowDocument(initial: WorkflowDefinition, history: GraphHistory) {
  const client = useClient();
  const flow = useReactFlow();
  const { graph, commit, dirty, setDirty } = history;
  const [doc, setDoc] = useState<WorkflowDefinition>(initial);
  const [viewing, setViewing] = useState<WorkflowDefinition | null>(null);
  const [status, setStatus] = useState<string>('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const definition = useMemo(() => toDefinition(viewing ?? doc, graph), [doc, viewing, graph]);
  const validation = useValidation(client, definition, true);

  async function save(): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      const result = await client.saveDraft(definition);
      setDoc({ ...definition, version: result.version, isPublished: result.isPublished });
      setDirty(false);
      setStatus(`Saved draft v${result.version}.`);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) validation.setErrors(e.errors);
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    if (dirty && !(await save())) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await client.publish(doc.definitionId);
      setDoc((d) => ({ ...d, version: result.version ?? d.version, isPublished: true }));
      setStatus(`Published v${result.version ?? doc.version}.`);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) validation.setErrors(e.errors);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function openVersion(d: WorkflowDefinition) {
    setViewing(d);
    history.reset(initialGraph(d));
    setStatus(`Viewing v${d.version ?? '?'} (read-only).`);
    setTimeout(() => void flow.fitView(), 50);
  }

  function backToLatest() {
    setViewing(null);
    history.reset(initialGraph(doc));
    setStatus('');
  }

  async function restore(d: WorkflowDefinition) {
    setBusy(true);
    setError(undefined);
    try {
      const { version: _v, isPublished: _p, ...rest } = d;
      const body: WorkflowDefinition = { ...rest, definitionId: doc.definitionId };
      const result = await client.saveDraft(body);
      const saved = { ...body, version: result.version, isPublished: result.isPublished };
      setViewing(null);
      setDoc(saved);
      history.reset(initialGraph(saved));
      setStatus(`Restored v${d.version ?? '?'} as draft v${result.version}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function exportJson() {
    download(new Blob([JSON.stringify(definition, null, 2)], { type: 'application/json' }), `${definition.definitionId}-v${definition.version ?? 0}.json`);
  }

  async function importJson(file: File) {
    try {
      const parsed: unknown = JSON.parse(await file.text());
      if (!isRecord(parsed) || !isRecord(parsed.root) || parsed.root.type !== 'Flowchart') throw new Error('Not a workflow definition: it needs a root Flowchart.');
      const imported = { ...(parsed as unknown as WorkflowDefinition), definitionId: doc.definitionId };
      setDoc({ ...imported, version: doc.version, isPublished: doc.isPublished });
      const g = initialGraph(imported);
      commit(() => g);
      setStatus(`Imported ${file.name}${parsed.definitionId !== doc.definitionId ? ` (its id “${String(parsed.definitionId)}” was replaced by “${doc.definitionId}”)` : ''}. Save to keep it.`);
      setTimeout(() => void flow.fitView(), 50);
    } catch (e) {
      setError(e);
    }
  }

  return { doc, setDoc, viewing, definition, validation, status, setStatus, error, setError, busy, save, publish, openVersion, backToLatest, restore, exportJson, importJson };
}
