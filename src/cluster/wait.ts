/**
 * Waiting for definitions (fluxcd/pkg ssa/manager_wait.go WaitForSet): a CRD is ready when its
 * `Established` condition is True and discovery serves its kind; a Namespace when it is Active.
 */
import type { KubeObject } from '../api/index.ts';
import { fieldAt } from './field-at.ts';
import type { MemberClient } from './member-client.ts';
import { objectIdOf } from './object-id.ts';

const pollMs = 250;

/** A Namespace being deleted cannot take new objects: waiting for it would only run into the timeout. */
class NamespaceTerminating extends Error {}

/** Waits until the CRDs and Namespaces among `manifests` are ready; returns why not, or undefined. */
export async function waitForDefinitions(
  client: MemberClient,
  manifests: readonly KubeObject[],
  timeoutMs: number,
): Promise<string | undefined> {
  const until = Date.now() + timeoutMs;
  for (const m of manifests) {
    try {
      const ready = await pollUntil(until, () => isReady(client, m));
      if (!ready) return `${m.kind} ${m.metadata.name ?? ''} not ready within ${Math.round(timeoutMs / 1000)}s`;
    } catch (err) {
      if (err instanceof NamespaceTerminating) return err.message;
      return `waiting for ${m.kind} ${m.metadata.name ?? ''}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  return undefined;
}

async function isReady(client: MemberClient, m: KubeObject): Promise<boolean> {
  const live = await client.get(objectIdOf(m));
  if (!live) return false;
  if (m.kind === 'Namespace') {
    const phase = fieldAt(live, 'status', 'phase');
    if (phase === 'Terminating')
      throw new NamespaceTerminating(
        `Namespace ${m.metadata.name ?? ''} is being deleted (Terminating); apply again once it is gone`,
      );
    return phase === 'Active';
  }
  if (m.kind !== 'CustomResourceDefinition') return true;
  const conds = fieldAt(live, 'status', 'conditions');
  if (
    !Array.isArray(conds) ||
    !conds.some((c) => fieldAt(c, 'type') === 'Established' && fieldAt(c, 'status') === 'True')
  )
    return false;
  const group = fieldAt(live, 'spec', 'group');
  const kind = fieldAt(live, 'spec', 'names', 'kind');
  const versions = fieldAt(live, 'spec', 'versions');
  if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(versions)) return true;
  for (const v of versions) {
    const name = fieldAt(v, 'name');
    if (typeof name !== 'string' || fieldAt(v, 'served') === false) continue;
    client.forgetDiscovery(`${group}/${name}`);
    if (!(await client.serves(`${group}/${name}`, kind))) return false;
  }
  return true;
}

async function pollUntil(until: number, check: () => Promise<boolean>): Promise<boolean> {
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
