/**
 * Flux's source-controller and kustomize-controller for the Flux end-to-end tests: built with
 * `go build` from the modules pinned in test/e2e/tools/flux/<controller> (one module each, so
 * their dependency graphs never have to agree) into the e2e binary cache, keyed by a hash of
 * those go.mod/go.sum files and the build flags, so only the first run on a machine pays.
 * Their CRDs are copied out of the same pinned module zips (config/crd/bases), not kept here.
 * Same Go environment and cache root as the harness build (test/e2e/harness/build.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { cachedBinDir, ensureCached, go, moduleHash } from '../e2e/harness/cached-build.ts';
import { requiredVersion } from '../e2e/harness/go-env.ts';
import { e2eDir } from '../e2e/harness/paths.ts';

export const fluxControllers = ['source-controller', 'kustomize-controller'] as const;
export type FluxController = (typeof fluxControllers)[number];

/** The Go module directory that pins `controller`. */
export function fluxModule(controller: FluxController): string {
  return path.join(e2eDir, 'tools', 'flux', controller);
}

const goBuildFlags = ['-trimpath', '-ldflags=-s -w'];

/** What the cache holds for the current pins: the two binaries and a directory of CRD files. */
export interface FluxToolchain {
  readonly key: string;
  readonly bin: Readonly<Record<FluxController, string>>;
  readonly crdDir: string;
}

function upstreamPath(controller: FluxController): string {
  return `github.com/fluxcd/${controller}`;
}

/** The toolchain for the current pins, whether or not it has been built. */
export function fluxToolchain(): FluxToolchain {
  const versions = fluxControllers.map((c) =>
    requiredVersion(fs.readFileSync(path.join(fluxModule(c), 'go.mod'), 'utf8'), upstreamPath(c)),
  );
  const hash = moduleHash(fluxControllers.map(fluxModule), [JSON.stringify(goBuildFlags)]);
  const key = `flux-sc-${versions[0]}_kc-${versions[1]}_${hash}`;
  const binDir = cachedBinDir(key);
  return {
    key,
    bin: {
      'source-controller': path.join(binDir, 'source-controller'),
      'kustomize-controller': path.join(binDir, 'kustomize-controller'),
    },
    crdDir: path.join(binDir, 'crds'),
  };
}

/** Copies the controller's CRDs from its module zip in the module cache into `crdDir`. */
async function copyCrds(controller: FluxController, crdDir: string): Promise<void> {
  const info = JSON.parse(await go(['mod', 'download', '-json', upstreamPath(controller)], fluxModule(controller))) as {
    Dir?: string;
  };
  if (info.Dir === undefined) throw new Error(`go mod download gave no directory for ${upstreamPath(controller)}`);
  const bases = path.join(info.Dir, 'config', 'crd', 'bases');
  for (const f of fs
    .readdirSync(bases)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    fs.copyFileSync(path.join(bases, f), path.join(crdDir, f));
    fs.chmodSync(path.join(crdDir, f), 0o644); // the module cache is read-only
  }
}

/** Builds both controllers into the cache unless they are there; logs each build's wall time. */
export async function ensureFlux(log: (msg: string) => void): Promise<FluxToolchain> {
  const tc = fluxToolchain();
  await ensureCached(tc.key, log, async (tmp) => {
    fs.mkdirSync(path.join(tmp, 'crds'), { recursive: true });
    const times: string[] = [];
    for (const c of fluxControllers) {
      log(`building ${c} (${tc.key}); a cold build takes several minutes`);
      const started = Date.now();
      await go(['build', ...goBuildFlags, '-o', path.join(tmp, c), upstreamPath(c)], fluxModule(c));
      const seconds = Math.round((Date.now() - started) / 1000);
      times.push(`${c} ${seconds}s`);
      log(`built ${c} in ${seconds}s`);
      await copyCrds(c, path.join(tmp, 'crds'));
    }
    return times.join(', ');
  });
  return tc;
}
