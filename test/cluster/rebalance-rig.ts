/**
 * Builders shared by the rebalancing end-to-end tests (Q2): a Deployment's replicas on a member,
 * a filler workload that takes a member's room, a sampler of ready replicas, namespace clean-up.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { getJson, kubectl } from './harness.ts';

/** The Deployment's `spec.replicas` on a member (undefined when it is not there). */
export async function replicasOn(ctx: string, ns: string, name: string): Promise<number | undefined> {
  return (await getJson(ctx, 'deployment', name, '-n', ns).catch(() => undefined))?.['spec']?.['replicas'] as
    | number
    | undefined;
}

/** The Deployment's ready replicas on a member (0 when it is not there or the member does not answer). */
export async function readyOn(ctx: string, ns: string, name: string): Promise<number> {
  return Number(
    (await getJson(ctx, 'deployment', name, '-n', ns).catch(() => undefined))?.['status']?.['readyReplicas'] ?? 0,
  );
}

/** Creates, directly on a member, a Deployment `filler` of `replicas` pods requesting `cpu` each in namespace `ns` (with a PriorityClass of the same name when `preempt`). */
export async function applyFiller(
  ctx: string,
  ns: string,
  f: { readonly replicas: number; readonly cpu: string; readonly preempt?: boolean },
): Promise<void> {
  const objects = [
    ...(f.preempt
      ? [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: ns }, value: 1000000 }]
      : []),
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'filler', namespace: ns },
      spec: {
        replicas: f.replicas,
        selector: { matchLabels: { app: 'filler' } },
        template: {
          metadata: { labels: { app: 'filler' } },
          spec: {
            ...(f.preempt ? { priorityClassName: ns } : {}),
            containers: [
              { name: 'filler', image: 'registry.example.com/filler:1.0', resources: { requests: { cpu: f.cpu } } },
            ],
          },
        },
      },
    },
  ];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-filler-'));
  try {
    const file = path.join(dir, 'filler.yaml');
    writeFileSync(file, objects.map((o) => YAML.stringify(o)).join('---\n'));
    await kubectl(ctx, 'apply', '-f', file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Removes the filler's namespace (and PriorityClass) from a member, without waiting. */
export async function removeFiller(ctx: string, ns: string): Promise<void> {
  await kubectl(ctx, 'delete', 'namespace', ns, '--wait=false').catch(() => undefined);
  await kubectl(ctx, 'delete', 'priorityclass', ns, '--ignore-not-found').catch(() => undefined);
}

/** Deletes `ns` on every member, without waiting, so later tests on the same members start from room. */
export async function removeNamespace(contexts: readonly string[], ns: string): Promise<void> {
  for (const c of contexts) await kubectl(c, 'delete', 'namespace', ns, '--wait=false').catch(() => undefined);
}

/** Samples `read` every 300 ms until `stop()`, which resolves to the samples (ready replicas, images, …). */
export function sampleWhile<T>(read: () => Promise<T>): { stop(): Promise<T[]> } {
  const samples: T[] = [];
  let sampling = true;
  const loop = (async () => {
    while (sampling) {
      samples.push(await read());
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  return {
    stop: async () => {
      sampling = false;
      await loop;
      return samples;
    },
  };
}
