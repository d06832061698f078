// metrics-server (sigs.k8s.io/metrics-server) for the members' metrics.k8s.io API: built with
// `go build` from the module pinned in test/e2e/tools/metrics-server into the e2e binary cache,
// keyed by that module's go.mod/go.sum and the build flags, like every other end-to-end tool.
// Beside it go kwok's manifests for emulated usage, copied from the pinned kwok module (so kwok's
// pin is part of the key): the CRDs of Metric, ClusterResourceUsage and ResourceUsage, and the
// Metric that serves the kubelet's /metrics/resource from them.
import fs from 'node:fs';
import path from 'node:path';
import { cachedBinDir, ensureCached, go, moduleHash } from './cached-build.ts';
import { requiredVersion } from './go-env.ts';
import { e2eDir, toolModules } from './paths.ts';

/** The Go module that pins metrics-server (a `tool` directive). */
export const metricsServerModule: string = path.join(e2eDir, 'tools', 'metrics-server');

const metricsServerPackage = 'sigs.k8s.io/metrics-server/cmd/metrics-server';

/** kwok's files copied into `<bin>/kwok/` (by base name), relative to the kwok module. */
const kwokFiles = [
  'kustomize/crd/bases/kwok.x-k8s.io_metrics.yaml',
  'kustomize/crd/bases/kwok.x-k8s.io_clusterresourceusages.yaml',
  'kustomize/crd/bases/kwok.x-k8s.io_resourceusages.yaml',
  'kustomize/metrics/resource/metrics-resource.yaml',
];

/** What the cache holds: the binary, and kwok's manifests (CRDs first, then the Metric). */
export interface MetricsKit {
  readonly key: string;
  readonly bin: string;
  readonly kwokManifests: ReadonlyArray<string>;
}

/** Upstream's Makefile stamps the version into client-go's version package; so do we (`--version`). */
function buildFlags(version: string): string[] {
  return ['-trimpath', `-ldflags=-s -w -X k8s.io/client-go/pkg/version.gitVersion=${version}`];
}

function metricsServerVersion(): string {
  const goMod = fs.readFileSync(path.join(metricsServerModule, 'go.mod'), 'utf8');
  return requiredVersion(goMod, 'sigs.k8s.io/metrics-server');
}

/** Where the kit for the current pins lives (built or not). */
export function metricsKit(): MetricsKit {
  const version = metricsServerVersion();
  const hash = moduleHash([metricsServerModule, toolModules.kwok], [JSON.stringify([buildFlags(version), kwokFiles])]);
  const key = `metrics-server-${version}_${hash}`;
  const binDir = cachedBinDir(key);
  return {
    key,
    bin: path.join(binDir, 'metrics-server'),
    kwokManifests: kwokFiles.map((f) => path.join(binDir, 'kwok', path.basename(f))),
  };
}

/** Builds metrics-server and copies kwok's manifests into the cache unless they are there. */
export async function ensureMetricsKit(log: (msg: string) => void): Promise<MetricsKit> {
  const kit = metricsKit();
  await ensureCached(kit.key, log, async (tmp) => {
    log(`building metrics-server (${kit.key}); a cold build takes a few minutes`);
    const flags = buildFlags(metricsServerVersion());
    await go(['build', ...flags, '-o', path.join(tmp, 'metrics-server'), metricsServerPackage], metricsServerModule);
    const kwokDir = (await go(['list', '-m', '-f', '{{.Dir}}', 'sigs.k8s.io/kwok'], toolModules.kwok)).trim();
    fs.mkdirSync(path.join(tmp, 'kwok'));
    for (const f of kwokFiles) {
      const to = path.join(tmp, 'kwok', path.basename(f));
      fs.copyFileSync(path.join(kwokDir, f), to);
      fs.chmodSync(to, 0o644); // the module cache is read-only
    }
    return undefined;
  });
  return kit;
}
