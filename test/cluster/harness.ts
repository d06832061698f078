/**
 * Real member clusters for the cluster e2e tests (Q4): test/e2e/clusters with a state directory
 * of our own, brought up once per mocha run and removed at the end. FLOTILLA_E2E=0 skips.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);
const clustersBin = path.resolve(import.meta.dirname, '..', 'e2e', 'clusters');
const stateDir = path.join(os.tmpdir(), `flotilla-e2e-cluster-tests-${process.pid}`);
const env = { ...process.env, FLOTILLA_E2E_STATE: stateDir };

/** True unless FLOTILLA_E2E=0. */
export const e2eEnabled = process.env['FLOTILLA_E2E'] !== '0';

let up: Promise<{ kubeconfig: string; kubectl: string }> | undefined;

async function clusters(...args: string[]): Promise<string> {
  const { stdout } = await execFileP(clustersBin, args, { env, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Starts hub + member1..3 (once); the kubeconfig path and the kubectl binary. */
export function members(): Promise<{ kubeconfig: string; kubectl: string }> {
  up ??= (async () => {
    const out = await clusters('up', '3');
    const kubeconfig = out.trim().split('\n').at(-1) ?? '';
    const bindir = (await clusters('bindir')).trim().split('\n').at(-1) ?? '';
    return { kubeconfig, kubectl: path.join(bindir, 'kubectl') };
  })();
  return up;
}

let metricsUp: Promise<void> | undefined;

/**
 * Serves metrics.k8s.io on every member (once; `clusters metrics`): a metrics-server per member
 * scraping the pod and node usage kwok emulates. Set the usage with setPodUsage (pod-metrics.ts).
 */
export function metrics(): Promise<void> {
  metricsUp ??= (async () => {
    await members();
    await clusters('metrics');
  })();
  return metricsUp;
}

/** Stops / starts one member's apiserver. */
export async function stopMember(name: string): Promise<void> {
  await clusters('stop', name);
}
export async function startMember(name: string): Promise<void> {
  await clusters('start', name);
}

/** Runs kubectl against a context; returns stdout. */
export async function kubectl(context: string, ...args: string[]): Promise<string> {
  const { kubeconfig, kubectl: bin } = await members();
  const { stdout } = await execFileP(bin, ['--kubeconfig', kubeconfig, '--context', context, ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** kubectl get -o json, or undefined when absent. */
export async function getJson(context: string, ...what: string[]): Promise<Record<string, any> | undefined> {
  const out = await kubectl(context, 'get', ...what, '-o', 'json', '--ignore-not-found');
  return out.trim() ? (JSON.parse(out) as Record<string, any>) : undefined;
}

/** Polls until fn returns a value. */
export async function eventually<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`, { cause: last });
    await sleep(500);
  }
}

if (e2eEnabled) {
  after(async function () {
    this.timeout(120_000);
    if (up !== undefined) await clusters('down');
  });
}
