// `clusters build`: compiles etcd, the Kubernetes control-plane binaries,
// kubectl and kwok from the Go modules pinned in test/e2e/tools, into a cache
// keyed by those pins, so only the first run on a machine pays for it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheRoot, toolModules } from './paths.ts';
import { run } from './processes.ts';
import { withLock } from './lock.ts';

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

/** Reads the version a go.mod requires for `module`. */
export function requiredVersion(goMod: string, module: string): string {
  const m = new RegExp(`^\\s*${module.replaceAll('.', '\\.')}\\s+(v\\S+)`, 'm').exec(goMod);
  if (!m?.[1]) throw new Error(`${module} is not required in go.mod`);
  return m[1];
}

/** The cache key: pinned versions plus a hash of the module files and build flags. */
export function toolchainKey(): string {
  return toolchainPins().key;
}

function toolchainPins(): { key: string; k8s: string } {
  const hash = createHash('sha256');
  for (const dir of [toolModules.kube, toolModules.kwok]) {
    for (const f of ['go.mod', 'go.sum']) hash.update(fs.readFileSync(path.join(dir, f)));
  }
  hash.update(JSON.stringify([kubePackages, kwokStageFiles, goBuildFlags]));
  const k8s = requiredVersion(fs.readFileSync(path.join(toolModules.kube, 'go.mod'), 'utf8'), 'k8s.io/kubernetes');
  const kwok = requiredVersion(fs.readFileSync(path.join(toolModules.kwok, 'go.mod'), 'utf8'), 'sigs.k8s.io/kwok');
  hash.update(versionLdflags(k8s));
  return { key: `k8s-${k8s}_kwok-${kwok}_${hash.digest('hex').slice(0, 10)}`, k8s };
}

/** The toolchain for the current pins, whether or not it has been built. */
export function toolchain(): Toolchain {
  const key = toolchainKey();
  const dir = path.join(cacheRoot(), key);
  return { key, binDir: path.join(dir, 'bin'), kwokStages: path.join(dir, 'kwok-stages.yaml') };
}

/** True when every binary of the toolchain is in the cache. */
export function isBuilt(tc: Toolchain): boolean {
  return fs.existsSync(path.join(tc.binDir, '.complete'));
}

/** The go command: $GO, else `go` on PATH, else the usual /usr/local/go install. */
export function goBinary(): string {
  const fromEnv = process.env['GO'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const onPath = (process.env['PATH'] ?? '')
    .split(path.delimiter)
    .some((d) => d !== '' && fs.existsSync(path.join(d, 'go')));
  if (onPath || !fs.existsSync('/usr/local/go/bin/go')) return 'go';
  return '/usr/local/go/bin/go';
}

/**
 * The build environment of every end-to-end tool: the installed Go only (GOTOOLCHAIN=local), no
 * VCS stamping (the tool modules sit inside the flotilla clone), no cgo, and -mod=readonly (the
 * committed go.sum files are complete) unless the caller's GOFLAGS already chooses a -mod.
 */
export function goEnv(): NodeJS.ProcessEnv {
  const user = process.env['GOFLAGS'] ?? '';
  const mod = /(^|\s)-mod=/.test(user) ? '' : '-mod=readonly';
  const flags = [user, '-buildvcs=false', mod].join(' ').replace(/\s+/g, ' ').trim();
  return { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: flags, CGO_ENABLED: '0' };
}

/** Builds the toolchain into the cache unless it is there; returns it. */
export async function ensureBuilt(log: (msg: string) => void): Promise<Toolchain> {
  const tc = toolchain();
  if (isBuilt(tc)) return tc;
  const dir = path.dirname(tc.binDir);
  fs.mkdirSync(dir, { recursive: true });
  return withLock(path.join(dir, 'build.lock'), 60 * 60_000, () => {
    if (isBuilt(tc)) return tc; // another process built it while we waited
    const started = Date.now();
    const tmp = path.join(dir, `bin.tmp-${process.pid}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    const env = goEnv();
    const go = goBinary();
    log(`building ${kubePackages.map(([, n]) => n).join(', ')} (${tc.key}); a cold build takes a while`);
    const kubeFlags = ['-trimpath', `-ldflags=-s -w ${versionLdflags(toolchainPins().k8s)}`];
    run(go, ['build', ...kubeFlags, '-o', tmp + path.sep, ...kubePackages.map(([p]) => p)], {
      cwd: toolModules.kube,
      env,
    });
    // `go build -o dir/` names a binary after its package path, and
    // go.etcd.io/etcd/server/v3 becomes "server".
    fs.renameSync(path.join(tmp, 'server'), path.join(tmp, 'etcd'));
    log('building kwok');
    run(go, ['build', ...goBuildFlags, '-o', path.join(tmp, 'kwok'), 'sigs.k8s.io/kwok/cmd/kwok'], {
      cwd: toolModules.kwok,
      env,
    });
    const kwokDir = run(go, ['list', '-m', '-f', '{{.Dir}}', 'sigs.k8s.io/kwok'], {
      cwd: toolModules.kwok,
      env,
    }).trim();
    const stages = kwokStageFiles.map((f) => fs.readFileSync(path.join(kwokDir, f), 'utf8').trim()).join('\n---\n');
    fs.writeFileSync(tc.kwokStages, stages + '\n');
    for (const b of binaries) {
      if (!fs.existsSync(path.join(tmp, b))) throw new Error(`build produced no ${b} in ${tmp}`);
    }
    fs.rmSync(tc.binDir, { recursive: true, force: true });
    fs.renameSync(tmp, tc.binDir);
    const seconds = Math.round((Date.now() - started) / 1000);
    fs.writeFileSync(path.join(tc.binDir, '.complete'), `built in ${seconds}s\n`);
    log(`built ${tc.binDir} in ${seconds}s`);
    return tc;
  });
}
