/**
 * The helm binary for the chart tests: built with `go build` from the module pinned in
 * test/e2e/tools/helm into the e2e binary cache (outside the clone, kept between runs), keyed by
 * a hash of that module's go.mod and go.sum and the build flags, so only the first run on a
 * machine pays for the build. Same Go environment as the harness build (test/e2e/harness/build.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { cachedBinDir, ensureCached, go, moduleHash } from '../e2e/harness/cached-build.ts';
import { e2eDir } from '../e2e/harness/paths.ts';

/** The Go module that pins helm (a `tool` directive, like tools/kube). */
export const helmModule: string = path.join(e2eDir, 'tools', 'helm');

const helmPackage = 'helm.sh/helm/v4/cmd/helm';
const versionPackage = 'helm.sh/helm/v4/internal/version';

/** Reads the helm version the module requires, e.g. v4.3.2. */
function helmVersion(goMod: string): string {
  const m = /^\s*helm\.sh\/helm\/v4\s+(v\S+)/m.exec(goMod);
  if (!m?.[1]) throw new Error(`helm.sh/helm/v4 is not required in ${path.join(helmModule, 'go.mod')}`);
  return m[1];
}

/**
 * Upstream's Makefile stamps the release version with -X; without it `helm version` reports
 * the bare minor ("v4.3") with "+unreleased" metadata.
 */
function buildFlags(version: string): string[] {
  const ldflags = [
    '-s',
    '-w',
    `-X ${versionPackage}.version=${version}`,
    `-X ${versionPackage}.metadata=`,
    `-X ${versionPackage}.gitTreeState=clean`,
  ];
  return ['-trimpath', `-ldflags=${ldflags.join(' ')}`];
}

/** Where the helm binary for the current pin lives (built or not), and its cache key. */
export function helmLocation(): { readonly key: string; readonly bin: string } {
  const version = helmVersion(fs.readFileSync(path.join(helmModule, 'go.mod'), 'utf8'));
  const key = `helm-${version}_${moduleHash([helmModule], [JSON.stringify(buildFlags(version))])}`;
  return { key, bin: path.join(cachedBinDir(key), 'helm') };
}

/** Builds helm into the cache unless it is there; returns the binary's path. */
export async function ensureHelm(log: (msg: string) => void): Promise<string> {
  const { key, bin } = helmLocation();
  await ensureCached(key, log, async (tmp) => {
    const version = helmVersion(fs.readFileSync(path.join(helmModule, 'go.mod'), 'utf8'));
    log(`building helm (${key}); a cold build takes several minutes`);
    await go(['build', ...buildFlags(version), '-o', path.join(tmp, 'helm'), helmPackage], helmModule);
    return undefined;
  });
  return bin;
}
