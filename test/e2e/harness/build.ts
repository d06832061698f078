// `clusters build`: compiles etcd, the Kubernetes control-plane binaries,
// kubectl and kwok from the Go modules pinned in test/e2e/tools, into a cache
// keyed by those pins, so only the first run on a machine pays for it.
import fs from 'node:fs';
import path from 'node:path';
import { cachedBinDir, ensureCached, go, isCached, moduleHash } from './cached-build.ts';
import { requiredVersion } from './go-env.ts';
import { toolModules } from './paths.ts';

/** The binaries a control plane is made of, by file name in the bin directory. */
export const binaries = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubectl',
  'kwok',
] as const;
export type BinaryName = (typeof binaries)[number];

/** What `build` produced: the bin directory and kwok's stage configuration. */
export interface Toolchain {
  readonly key: string;
  readonly binDir: string;
  readonly kwokStages: string;
}

const kubePackages: ReadonlyArray<readonly [string, BinaryName]> = [
  ['go.etcd.io/etcd/server/v3', 'etcd'],
  ['k8s.io/kubernetes/cmd/kube-apiserver', 'kube-apiserver'],
  ['k8s.io/kubernetes/cmd/kube-controller-manager', 'kube-controller-manager'],
  ['k8s.io/kubernetes/cmd/kube-scheduler', 'kube-scheduler'],
  ['k8s.io/kubernetes/cmd/kubectl', 'kubectl'],
];

// kwok ships its default behaviour (nodes become Ready and keep a lease,
// pods become Ready, complete and get deleted) as Stage manifests that its
// kwokctl embeds; the plain kwok binary needs them as --config. They are
// copied out of the pinned kwok module at build time, not kept in this repo.
const kwokStageFiles = [
  'kustomize/stage/node/fast/node-initialize.yaml',
  'kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'kustomize/stage/pod/fast/pod-ready.yaml',
  'kustomize/stage/pod/fast/pod-complete.yaml',
  'kustomize/stage/pod/fast/pod-delete.yaml',
];

const goBuildFlags = ['-trimpath', '-ldflags=-s -w'];

/**
 * Upstream release builds stamp the version with -X (hack/lib/version.sh);
 * without it every binary reports v0.0.0-master, which kubectl and
 * @kubernetes/client-node cannot parse.
 */
function versionLdflags(k8sVersion: string): string {
  const m = /^v(\d+)\.(\d+)\./.exec(k8sVersion);
  if (!m?.[1] || !m[2]) throw new Error(`cannot parse Kubernetes version ${k8sVersion}`);
  const vars = { gitVersion: k8sVersion, gitMajor: m[1], gitMinor: m[2], gitCommit: '', gitTreeState: 'clean' };
  return ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version']
    .flatMap((pkg) => Object.entries(vars).map(([k, v]) => `-X ${pkg}.${k}=${v}`))
    .join(' ');
}

/** The cache key: pinned versions plus a hash of the module files and build flags. */
export function toolchainKey(): string {
  return toolchainPins().key;
}

function toolchainPins(): { key: string; k8s: string } {
  const k8s = requiredVersion(fs.readFileSync(path.join(toolModules.kube, 'go.mod'), 'utf8'), 'k8s.io/kubernetes');
  const kwok = requiredVersion(fs.readFileSync(path.join(toolModules.kwok, 'go.mod'), 'utf8'), 'sigs.k8s.io/kwok');
  const hash = moduleHash(
    [toolModules.kube, toolModules.kwok],
    [JSON.stringify([kubePackages, kwokStageFiles, goBuildFlags]), versionLdflags(k8s)],
  );
  return { key: `k8s-${k8s}_kwok-${kwok}_${hash}`, k8s };
}

/** The toolchain for the current pins, whether or not it has been built. */
export function toolchain(): Toolchain {
  const key = toolchainKey();
  const binDir = cachedBinDir(key);
  return { key, binDir, kwokStages: path.join(path.dirname(binDir), 'kwok-stages.yaml') };
}

/** True when every binary of the toolchain is in the cache. */
export function isBuilt(tc: Toolchain): boolean {
  return isCached(tc.key);
}

/** Builds the toolchain into the cache unless it is there; returns it. */
export async function ensureBuilt(log: (msg: string) => void): Promise<Toolchain> {
  const tc = toolchain();
  await ensureCached(tc.key, log, async (tmp) => {
    log(`building ${kubePackages.map(([, n]) => n).join(', ')} (${tc.key}); a cold build takes a while`);
    const kubeFlags = ['-trimpath', `-ldflags=-s -w ${versionLdflags(toolchainPins().k8s)}`];
    const kubeStarted = Date.now();
    await go(['build', ...kubeFlags, '-o', tmp + path.sep, ...kubePackages.map(([p]) => p)], toolModules.kube);
    const kubeSeconds = Math.round((Date.now() - kubeStarted) / 1000);
    // `go build -o dir/` names a binary after its package path, and
    // go.etcd.io/etcd/server/v3 becomes "server".
    fs.renameSync(path.join(tmp, 'server'), path.join(tmp, 'etcd'));
    log(`built the Kubernetes binaries and etcd in ${kubeSeconds}s; building kwok`);
    const kwokStarted = Date.now();
    await go(['build', ...goBuildFlags, '-o', path.join(tmp, 'kwok'), 'sigs.k8s.io/kwok/cmd/kwok'], toolModules.kwok);
    const kwokSeconds = Math.round((Date.now() - kwokStarted) / 1000);
    const kwokDir = (await go(['list', '-m', '-f', '{{.Dir}}', 'sigs.k8s.io/kwok'], toolModules.kwok)).trim();
    const stages = kwokStageFiles.map((f) => fs.readFileSync(path.join(kwokDir, f), 'utf8').trim()).join('\n---\n');
    fs.writeFileSync(tc.kwokStages, stages + '\n');
    for (const b of binaries) {
      if (!fs.existsSync(path.join(tmp, b))) throw new Error(`build produced no ${b} in ${tmp}`);
    }
    return `kube and etcd ${kubeSeconds}s, kwok ${kwokSeconds}s`;
  });
  return tc;
}
