import { createContext, useContext } from 'react';
import type { ActivityDescriptor } from '../api/types';
import { emptyErrorIndex, type ErrorIndex } from '../graph/validation';

/** What nodes need besides their own data: descriptors, validation errors, run state. */
export interface CanvasView {
  descriptors: ReadonlyMap<string, ActivityDescriptor>;
  errors: ErrorIndex;
  /** Ports used by outgoing connections, per activity (stale ports stay drawn). */
  usedPorts: ReadonlyMap<string, string[]>;
  /** Activity status in a run view. */
  runStatus?: ReadonlyMap<string, string>;
  readOnly: boolean;
}

export const CanvasContext = createContext<CanvasView>({
  descriptors: new Map(),
  errors: emptyErrorIndex,
  usedPorts: new Map(),
  readOnly: true,
});

export function useCanvasView(): CanvasView {
  return useContext(CanvasContext);
}
