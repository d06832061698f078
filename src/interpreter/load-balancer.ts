/**
 * Load balancer ingress entries gathered from several members, deduplicated and sorted
 * (Karmada pkg/util/helper/service.go DedupeAndSortServiceLoadBalancerIngress, ingress.go).
 */
import { compareStrings, type JsonObject, type JsonValue } from '../api/index.ts';
import { intField, stringField } from './kinds.ts';

const str = (o: JsonObject, f: string): string => stringField(o, f);
const entryKey = (e: JsonObject): string => JSON.stringify([str(e, 'hostname'), str(e, 'ip'), e['ipMode'] ?? null]);
const portKey = (p: JsonObject): string =>
  JSON.stringify([intField(p, 'port'), str(p, 'protocol'), p['error'] ?? null]);

/** Ports by port, protocol, then error (none first). */
function comparePorts(a: JsonObject, b: JsonObject): number {
  const ea = typeof a['error'] === 'string' ? a['error'] : undefined;
  const eb = typeof b['error'] === 'string' ? b['error'] : undefined;
  return (
    intField(a, 'port') - intField(b, 'port') ||
    compareStrings(str(a, 'protocol'), str(b, 'protocol')) ||
    (ea === eb ? 0 : ea === undefined ? -1 : eb === undefined ? 1 : compareStrings(ea, eb))
  );
}

/** Hostname entries first (by hostname), then by IP as a string, then by ipMode (set before unset). */
function compareEntries(a: JsonObject, b: JsonObject): number {
  const ha = str(a, 'hostname');
  const hb = str(b, 'hostname');
  if (ha !== hb) return ha === '' ? 1 : hb === '' ? -1 : compareStrings(ha, hb);
  const byIp = compareStrings(str(a, 'ip'), str(b, 'ip'));
  if (byIp !== 0) return byIp;
  const ma = typeof a['ipMode'] === 'string' ? a['ipMode'] : undefined;
  const mb = typeof b['ipMode'] === 'string' ? b['ipMode'] : undefined;
  return ma === mb ? 0 : mb === undefined ? -1 : ma === undefined ? 1 : compareStrings(ma, mb);
}

/** Merges entries with the same hostname, IP and ipMode; their ports are unioned and sorted. */
export function dedupeAndSortIngress(entries: readonly JsonValue[]): JsonObject[] {
  const byKey = new Map<string, { entry: JsonObject; ports: Map<string, JsonObject> }>();
  for (const raw of entries) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
    const key = entryKey(raw);
    const slot = byKey.get(key) ?? { entry: raw, ports: new Map<string, JsonObject>() };
    const ports = Array.isArray(raw['ports']) ? raw['ports'] : [];
    for (const p of ports) if (p !== null && typeof p === 'object' && !Array.isArray(p)) slot.ports.set(portKey(p), p);
    byKey.set(key, slot);
  }
  const out: JsonObject[] = [];
  for (const { entry, ports } of byKey.values()) {
    const { ports: _dropped, ...rest } = entry;
    void _dropped;
    const sorted = [...ports.values()].sort(comparePorts);
    out.push(sorted.length > 0 ? { ...rest, ports: sorted } : rest);
  }
  return out.sort(compareEntries);
}
