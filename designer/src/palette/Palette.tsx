import { useMemo, useState, type DragEvent } from 'react';
import type { ActivityDescriptor } from '../api/types';
import './palette.css';

export const DRAG_MIME = 'application/x-runbook-activity';

/** The activity catalogue grouped by category, with search; drag an entry or press it to add. */
export function Palette({
  descriptors,
  onAdd,
  disabled,
}: {
  descriptors: readonly ActivityDescriptor[];
  onAdd: (type: string) => void;
  disabled: boolean;
}) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matches = descriptors.filter(
      (d) => !q || d.displayName.toLowerCase().includes(q) || d.type.toLowerCase().includes(q) || d.description.toLowerCase().includes(q) || d.category.toLowerCase().includes(q),
    );
    const byCategory = new Map<string, ActivityDescriptor[]>();
    for (const d of matches) byCategory.set(d.category, [...(byCategory.get(d.category) ?? []), d]);
    return [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [descriptors, query]);

  function onDragStart(e: DragEvent, type: string) {
    e.dataTransfer.setData(DRAG_MIME, type);
    e.dataTransfer.setData('text/plain', type);
    e.dataTransfer.effectAllowed = 'copy';
  }

  return (
    <aside className="palette" aria-label="Activity palette">
      <label htmlFor="palette-search" className="sr-only">
        Search activities
      </label>
      <input id="palette-search" type="search" placeholder="Search activities…" value={query} onChange={(e) => setQuery(e.target.value)} />
      <div className="palette-groups">
        {groups.map(([category, items]) => (
          <section key={category} aria-label={category}>
            <h3>{category}</h3>
            <ul>
              {items.map((d) => (
                <li key={d.type}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable={!disabled}
                    onDragStart={(e) => onDragStart(e, d.type)}
                    onClick={() => onAdd(d.type)}
                    disabled={disabled}
                    title={`${d.description}\nDrag onto the canvas, or press to add in the middle.`}
                    aria-label={`Add ${d.displayName}`}
                    data-activity-type={d.type}
                  >
                    <span className="palette-name">{d.displayName}</span>
                    {d.sideEffect !== 'None' && <span className="palette-effect">{d.sideEffect === 'NonIdempotent' ? 'changes state' : 'idempotent'}</span>}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {groups.length === 0 && <p className="muted">No activity matches.</p>}
      </div>
    </aside>
  );
}
