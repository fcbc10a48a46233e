import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { ValidationError, WorkflowDefinition } from '../api/types';
import { indexErrors, type ErrorIndex } from '../graph/validation';

/**
 * Asks the server to validate the definition shortly after each change (debounced), and lets a
 * refused save report its errors through `setErrors`.
 */
export function useValidation(client: ApiClient, definition: WorkflowDefinition | undefined, enabled: boolean, delayMs = 700) {
  const [errors, setErrors] = useState<ValidationError[]>([]);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  // Selection and drags rebuild the definition object without changing it: validate the text.
  const text = useMemo(() => (definition ? JSON.stringify(definition) : ''), [definition]);
  useEffect(() => {
    if (!text || !enabled) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      setChecking(true);
      client.validate(JSON.parse(text) as WorkflowDefinition).then(
        (result) => {
          if (cancelled) return;
          setErrors(result.errors ?? []);
          setFailure(undefined);
          setChecking(false);
        },
        (e: unknown) => {
          if (cancelled) return;
          setFailure(e);
          setChecking(false);
        },
      );
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, text, enabled, delayMs]);

  const nodeIds = useMemo(() => new Set((definition?.root.activities ?? []).map((a) => a.id)), [definition]);
  const index: ErrorIndex = useMemo(() => indexErrors(errors, nodeIds), [errors, nodeIds]);
  return { errors, index, setErrors, checking, failure };
}
