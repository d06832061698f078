/**
 * `rollouts/<namespace>/<name>.request.yaml` on the status branch: a person's `flotilla rollout
 * pause|resume|abort`, read by the controller's rollout step as the decision's `request` and removed
 * in the commit that records what it did (docs/rollouts.md "Operator requests").
 */
import YAML from 'yaml';
import { compareStrings, isPlainObject } from '../api/index.ts';
import { listFiles, readBlobText, readCommitInfo, type BranchStore } from '../git/index.ts';
import type { OperatorRequest } from '../rollout/index.ts';
import { rolloutsRoot } from './rollout-record.ts';

const suffix = '.request.yaml';
const requests: readonly OperatorRequest[] = ['Pause', 'Resume', 'Abort'];

/** A pending request for one strategy. */
export interface RolloutRequest {
  readonly namespace: string;
  readonly name: string;
  readonly request: OperatorRequest;
  /** RFC 3339, from the shell's clock. */
  readonly requestedAt: string;
}

/** The path of a strategy's pending request. */
export function rolloutRequestPath(namespace: string, name: string): string {
  return `${rolloutsRoot}/${namespace}/${name}${suffix}`;
}

/** True for a request file's path (the record reader skips them). */
export function isRolloutRequestPath(path: string): boolean {
  return path.startsWith(`${rolloutsRoot}/`) && path.endsWith(suffix);
}

/** The request as YAML, keys in a fixed order (D5). */
export function formatRolloutRequest(r: RolloutRequest): string {
  return YAML.stringify(
    { namespace: r.namespace, name: r.name, request: r.request, requestedAt: r.requestedAt },
    { lineWidth: 0 },
  );
}

/** Reads a request; undefined when the text is not one (a hand edit is ignored, never fatal). */
export function parseRolloutRequest(text: string): RolloutRequest | undefined {
  let v: unknown;
  try {
    v = YAML.parse(text, { maxAliasCount: 10 });
  } catch {
    return undefined; // as an unparsable record: no request
  }
  if (!isPlainObject(v) || typeof v['namespace'] !== 'string' || typeof v['name'] !== 'string') return undefined;
  const request = requests.find((r) => r === v['request']);
  if (request === undefined) return undefined;
  return {
    namespace: v['namespace'],
    name: v['name'],
    request,
    requestedAt: typeof v['requestedAt'] === 'string' ? v['requestedAt'] : '',
  };
}

/** The pending requests at `tip`, sorted by namespace and name. */
export async function readRolloutRequests(store: BranchStore, tip: string | undefined): Promise<RolloutRequest[]> {
  if (!tip) return [];
  const out: RolloutRequest[] = [];
  for (const [path, oid] of await listFiles(store.repo, (await readCommitInfo(store.repo, tip)).tree)) {
    if (!isRolloutRequestPath(path)) continue;
    const r = parseRolloutRequest(await readBlobText(store.repo, oid));
    if (r) out.push(r);
  }
  return out.sort((a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name));
}
