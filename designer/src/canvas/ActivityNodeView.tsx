import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ActivityNode } from '../graph/model';
import { handlesOf, outcomesOf } from '../graph/ports';
import { statusClass } from '../shared/status';
import { useCanvasView } from './CanvasContext';

/** One activity on the canvas: its In handle on top, one labelled handle per outcome below. */
function ActivityNodeViewInner({ id, data, selected }: NodeProps<ActivityNode>) {
  const view = useCanvasView();
  const { activity } = data;
  const descriptor = view.descriptors.get(activity.type);
  const handles = handlesOf(outcomesOf(activity, descriptor), view.usedPorts.get(id) ?? []);
  const errors = view.errors.byNode.get(id) ?? [];
  const status = view.runStatus?.get(id);
  const title = activity.name ?? descriptor?.displayName ?? activity.type;
  const classes = ['activity-node'];
  if (selected) classes.push('selected');
  if (errors.length > 0) classes.push('has-errors');
  if (!descriptor && view.descriptors.size > 0) classes.push('unknown-type');
  if (status !== undefined) classes.push(statusClass(status));

  return (
    <div className={classes.join(' ')} data-activity-id={id} data-status={status}>
      <Handle type="target" position={Position.Top} id="In" className="handle-in" aria-label={`${id}: In`} isConnectable={!view.readOnly} />
      <div className="activity-title" title={title}>
        {title}
      </div>
      <div className="activity-sub">
        <code>{id}</code> · {descriptor?.displayName ?? activity.type}
        {descriptor?.sideEffect === 'NonIdempotent' && (
          <span className="side-effect" title="Non-idempotent: never re-run without a person deciding">
            {' '}
            ⚠
          </span>
        )}
      </div>
      {status !== undefined && <div className="activity-status">{status}</div>}
      {errors.length > 0 && (
        <div className="activity-errors" role="note" title={errors.map((e) => e.message).join('\n')}>
          {errors.length} problem{errors.length === 1 ? '' : 's'}: {errors[0]?.message}
        </div>
      )}
      <div className="activity-ports">
        {handles.map((h) => (
          <div key={h.port} className={`port${h.stale ? ' port-stale' : ''}`} title={h.stale ? `${h.port}: no longer an outcome of this activity` : h.port}>
            <span className="port-label">{h.port}</span>
            <Handle type="source" position={Position.Bottom} id={h.port} className="handle-out" aria-label={`${id}: outcome ${h.port}`} isConnectable={!view.readOnly} />
          </div>
        ))}
      </div>
    </div>
  );
}

export const ActivityNodeView = memo(ActivityNodeViewInner);
export const nodeTypes = { activity: ActivityNodeView };
