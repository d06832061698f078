/**
 * Real Flux against a harness member (issue 15): source-controller and kustomize-controller, built
 * from the pinned modules (flux-build.ts), run out of cluster as child processes of this mocha
 * process with a one-context kubeconfig of the member, leader election off, metrics and health on
 * free loopback ports, and source-controller's artifact storage in a temporary directory served on
 * another. The CRDs come from the same module zips; flux-system is created. `stop` kills both
 * controllers (call it in `after`); a process exit kills any that are left, so none is orphaned.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '../e2e/harness/processes.ts';
import { eventually, kubectl } from '../cluster/harness.ts';
import { ensureFlux, fluxControllers, type FluxController } from './flux-build.ts';

/** Flux running for one member. */
export interface FluxRig {
  readonly context: string;
  /** The last lines each controller logged (for assertion messages). */
  logs(): string;
  /**
   * Deletes the Flux objects of flux-system while the controllers still run (a Kustomization with
   * prune garbage-collects what it applied; the next rig must not find a GitRepository whose
   * artifact URL names this rig's storage port), then kills both controllers and waits for them
   * to exit, and removes the temporary directory.
   */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Builds Flux if needed (a cold build takes minutes: give the hook a long timeout). */
export async function buildFlux(): Promise<void> {
  await ensureFlux((msg) => process.stderr.write(`flux: ${msg}\n`));
}

/** Installs Flux's CRDs and flux-system on `context` and starts both controllers against it. */
export async function startFlux(context: string): Promise<FluxRig> {
  const tc = await ensureFlux((msg) => process.stderr.write(`flux: ${msg}\n`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `flotilla-flux-${context}-`));
  const children: Array<{ name: FluxController; child: ChildProcess; log: () => string }> = [];
  const stop = async (): Promise<void> => {
    try {
      if (children.length > 0) await deleteFluxObjects(context);
    } finally {
      await Promise.all(children.map(({ child }) => killAndWait(child)));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const own = path.join(dir, 'kubeconfig');
    fs.writeFileSync(own, await kubectl(context, 'config', 'view', '--minify', '--flatten'));
    await kubectl(context, 'apply', '--server-side', '-f', tc.crdDir);
    await kubectl(context, 'wait', '--for=condition=Established', '--timeout=60s', '-f', tc.crdDir);
    await kubectl(context, 'create', 'namespace', 'flux-system', '--dry-run=client', '-o', 'yaml').then((y) =>
      applyYaml(context, y, dir),
    );
    const [scMetrics, scHealth, storage, kcMetrics, kcHealth] = (await freePorts(5)) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const loopback = (p: number) => `127.0.0.1:${p}`;
    const common = [
      '--enable-leader-election=false',
      '--watch-all-namespaces=true',
      '--log-level=info',
      '--log-encoding=json',
    ];
    const args: Record<FluxController, string[]> = {
      'source-controller': [
        ...common,
        `--metrics-addr=${loopback(scMetrics)}`,
        `--health-addr=${loopback(scHealth)}`,
        `--storage-path=${path.join(dir, 'artifacts')}`,
        `--storage-addr=${loopback(storage)}`,
        `--storage-adv-addr=${loopback(storage)}`,
      ],
      'kustomize-controller': [
        ...common,
        `--metrics-addr=${loopback(kcMetrics)}`,
        `--health-addr=${loopback(kcHealth)}`,
      ],
    };
    fs.mkdirSync(path.join(dir, 'artifacts'));
    fs.mkdirSync(path.join(dir, 'tmp'));
    const env = { ...process.env, KUBECONFIG: own, TMPDIR: path.join(dir, 'tmp'), RUNTIME_NAMESPACE: 'flux-system' };
    for (const name of fluxControllers) {
      const child = spawn(tc.bin[name], args[name], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      running.add(child);
      child.once('exit', () => running.delete(child));
      children.push({ name, child, log: tail(child) });
    }
    const health: Record<FluxController, number> = { 'source-controller': scHealth, 'kustomize-controller': kcHealth };
    for (const { name, child, log } of children) {
      await eventually(`${name} on ${context} ready`, 60_000, async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}: ${log()}`);
        const res = await fetch(`http://${loopback(health[name])}/readyz`).catch(() => undefined);
        return res?.ok ? true : undefined;
      });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { context, logs: () => children.map(({ name, log }) => `--- ${name}\n${log()}`).join('\n'), stop };
}

const fluxKinds = 'kustomizations.kustomize.toolkit.fluxcd.io,gitrepositories.source.toolkit.fluxcd.io';

/** Deletes every Kustomization and GitRepository in flux-system; drops their finalizers if the controllers cannot. */
async function deleteFluxObjects(context: string): Promise<void> {
  try {
    await kubectl(context, 'delete', '-n', 'flux-system', fluxKinds, '--all', '--wait=true', '--timeout=60s');
  } catch (err) {
    const names = (await kubectl(context, 'get', '-n', 'flux-system', fluxKinds, '-o', 'name'))
      .split('\n')
      .filter((n) => n !== '');
    for (const name of names)
      await kubectl(
        context,
        'patch',
        '-n',
        'flux-system',
        name,
        '--type=merge',
        '-p',
        '{"metadata":{"finalizers":null}}',
      );
    if (names.length === 0) throw err;
  }
}

/** Applies a YAML document stream to `context` with server-side apply. */
export async function applyYaml(context: string, yaml: string, scratch: string = os.tmpdir()): Promise<void> {
  const file = path.join(fs.mkdtempSync(path.join(scratch, 'apply-')), 'objects.yaml');
  fs.writeFileSync(file, yaml);
  try {
    await kubectl(context, 'apply', '--server-side', '--force-conflicts', '-f', file);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** Keeps the last 64 KiB a child wrote to stdout and stderr. */
function tail(child: ChildProcess): () => string {
  let buf = '';
  const keep = (d: Buffer) => {
    buf = (buf + d.toString('utf8')).slice(-65_536);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => buf.slice(-1500);
}

function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return exited;
}
