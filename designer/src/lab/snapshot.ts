import type { JsonValue } from '../api/types';

export type JsonMap = { [key: string]: JsonValue };

export function isMap(v: JsonValue | undefined): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first present property among `names` (the lab's exact shape is not fixed yet). */
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

/** A list of named things from an array or a `{name: thing}` map. */
export function namedList(v: JsonValue | undefined): { name: string; value: JsonValue }[] {
  if (Array.isArray(v)) {
    return v.map((item, i) => ({ name: (isMap(item) && text(pick(item, 'name', 'id', 'site', 'server', 'key'))) || `#${i + 1}`, value: item }));
  }
  if (isMap(v)) return Object.entries(v).map(([name, value]) => ({ name, value }));
  return [];
}

/** The snapshot split into the parts the lab view knows, and the rest. */
export function splitSnapshot(snapshot: JsonValue | undefined) {
  const root = isMap(snapshot) ? snapshot : {};
  const known = new Set<string>();
  const take = (...names: string[]) => {
    for (const n of names) {
      const key = Object.keys(root).find((k) => k.toLowerCase() === n.toLowerCase());
      if (key !== undefined) {
        known.add(key);
        return root[key];
      }
    }
    return undefined;
  };
  const sites = take('sites', 'site');
  const storage = take('storage', 'replication', 'storageReplication', 'arrays');
  const dns = take('dns', 'dnsServers', 'dnsAnswers');
  const faults = take('faults', 'activeFaults', 'injectedFaults');
  const catalog = take('availableFaults', 'faultKinds', 'faultCatalog', 'faultTypes');
  const clusters = take('clusters', 'cluster', 'clusterGroups', 'groups');
  const rest = Object.fromEntries(Object.entries(root).filter(([k]) => !known.has(k)));
  return { sites, storage, dns, faults, catalog, clusters, rest };
}

/** The id to clear a fault by. */
export function faultId(fault: JsonValue): string | undefined {
  return isMap(fault) ? text(pick(fault, 'faultId', 'id', 'name', 'kind')) : text(fault);
}
