/**
 * Builders for the fault e2e tests (issue 24): `flotilla` as a child process with test-only fault
 * points in its environment (src/cluster/fault-points.ts), fleet files as YAML, and the orphan count
 * on the real members.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { runFlotilla, type ProcessResult } from '../git/helpers/cli-process.ts';
import { getJson } from './harness.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Runs `flotilla ...args` to completion with extra environment (e.g. FLOTILLA_TEST_KILL_AT); `code` is null when a signal ended it. */
export function flotillaWith(env: Readonly<Record<string, string>>, ...args: string[]): Promise<ProcessResult> {
  return runFlotilla(args, root, { ...process.env, ...env }, 240_000);
}

/** YAML documents of ConfigMaps `names` in namespace `ns` (Q2 builders). */
export function configMapsYaml(ns: string, names: readonly string[]): string {
  return names
    .map((name) =>
      YAML.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: { name } }),
    )
    .join('---\n');
}

/** A Namespace as YAML. */
export function namespaceYaml(ns: string): string {
  return YAML.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
}

/** A PropagationPolicy propagating every ConfigMap of `ns` to `clusters` (Duplicated). */
export function configMapPolicyYaml(ns: string, clusters: readonly string[]): string {
  return YAML.stringify({
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name: 'configmaps', namespace: ns },
    spec: {
      resourceSelectors: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
      placement: { clusterAffinity: { clusterNames: [...clusters] } },
    },
  });
}

/** Writes (or, with undefined, removes) files of a fleet repo's working tree. */
export function writeFleet(repo: string, files: Readonly<Record<string, string | undefined>>): void {
  for (const [file, text] of Object.entries(files)) {
    if (text === undefined) rmSync(path.join(repo, file), { force: true });
    else writeFileSync(path.join(repo, file), text);
  }
}

/**
 * The ConfigMaps of namespace `ns` on `member` that carry flotilla's managed-by label but are not
 * in `planned`: objects flotilla created and no longer tracks or wants (orphans), sorted.
 */
export async function orphanedConfigMaps(member: string, ns: string, planned: ReadonlySet<string>): Promise<string[]> {
  const list = await getJson(member, 'configmaps', '-n', ns, '-l', 'app.kubernetes.io/managed-by=flotilla');
  const names: string[] = (list?.['items'] ?? []).map((i: { metadata: { name: string } }) => i.metadata.name);
  return names.filter((n) => !planned.has(n)).sort();
}

/** The entries of the member's inventory ConfigMap (flotilla-system/flotilla-inventory). */
export async function inventoryEntries(member: string): Promise<string[]> {
  const cm = await getJson(member, 'configmap', 'flotilla-inventory', '-n', 'flotilla-system');
  return String(cm?.['data']?.['entries'] ?? '')
    .split('\n')
    .filter((l) => l !== '');
}
