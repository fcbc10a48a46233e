import type { JsonValue } from '../api/types';

export type JsonMap = { [key: string]: JsonValue };

export function isMap(v: JsonValue | undefined): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first present property among `names` (exact, then ignoring case). */
export function pick(o: JsonMap | undefined, ...names: string[]): JsonValue | undefined {
  if (!o) return undefined;
  for (const n of names) if (o[n] !== undefined) return o[n];
  const lower = new Map(Object.keys(o).map((k) => [k.toLowerCase(), k]));
  for (const n of names) {
    const k = lower.get(n.toLowerCase());
    if (k !== undefined) return o[k];
  }
  return undefined;
}

export function text(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** A list of named things from an array (named by `name`, `group`, `server`, `site`) or a `{name: thing}` map. */
export function namedList(v: JsonValue | undefined): { name: string; value: JsonValue }[] {
  if (Array.isArray(v)) {
    return v.map((item, i) => ({ name: (isMap(item) && text(pick(item, 'name', 'id', 'group', 'server', 'site', 'key'))) || `#${i + 1}`, value: item }));
  }
  if (isMap(v)) return Object.entries(v).map(([name, value]) => ({ name, value }));
  return [];
}

/**
 * The lab snapshot (`GET /api/lab` -> `snapshot`) split into the parts the lab view draws: sites,
 * replication, DNS; `faults` is left out (the view lists the typed active faults); the rest
 * (time, revision, directory, databases, recent commands, warnings) is shown generically.
 */
export function splitSnapshot(snapshot: JsonValue | undefined) {
  const root = isMap(snapshot) ? snapshot : {};
  const known = new Set(['sites', 'replication', 'dns', 'faults']);
  const rest = Object.fromEntries(Object.entries(root).filter(([k]) => !known.has(k)));
  return { sites: root.sites, replication: root.replication, dns: root.dns, rest };
}
