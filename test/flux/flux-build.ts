/**
 * Flux's source-controller and kustomize-controller for the Flux end-to-end tests: built with
 * `go build` from the modules pinned in test/e2e/tools/flux/<controller> (one module each, so
 * their dependency graphs never have to agree) into the e2e binary cache, keyed by a hash of
 * those go.mod/go.sum files and the build flags, so only the first run on a machine pays.
 * Their CRDs are copied out of the same pinned module zips (config/crd/bases), not kept here.
 * Same Go environment and cache root as the harness build (test/e2e/harness/build.ts).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { goBinary, goEnv, requiredVersion } from '../e2e/harness/build.ts';
import { withLock } from '../e2e/harness/lock.ts';
import { cacheRoot, e2eDir } from '../e2e/harness/paths.ts';

const execFileP = promisify(execFile);

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
  const hash = createHash('sha256');
  const versions: string[] = [];
  for (const c of fluxControllers) {
    const goMod = fs.readFileSync(path.join(fluxModule(c), 'go.mod'));
    hash.update(goMod).update(fs.readFileSync(path.join(fluxModule(c), 'go.sum')));
    versions.push(requiredVersion(goMod.toString('utf8'), upstreamPath(c)));
  }
  hash.update(JSON.stringify(goBuildFlags));
  const key = `flux-sc-${versions[0]}_kc-${versions[1]}_${hash.digest('hex').slice(0, 10)}`;
  const binDir = path.join(cacheRoot(), key, 'bin');
  return {
    key,
    bin: {
      'source-controller': path.join(binDir, 'source-controller'),
      'kustomize-controller': path.join(binDir, 'kustomize-controller'),
    },
    crdDir: path.join(binDir, 'crds'),
  };
}

async function go(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await execFileP(goBinary(), args, { cwd, env: goEnv(), maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new Error(`go ${args.join(' ')} (in ${cwd}) failed:\n${stderr}`, { cause: err });
  }
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
  const binDir = path.dirname(tc.bin['source-controller']);
  const complete = path.join(binDir, '.complete');
  if (fs.existsSync(complete)) return tc;
  const dir = path.dirname(binDir);
  fs.mkdirSync(dir, { recursive: true });
  return withLock(path.join(dir, 'build.lock'), 60 * 60_000, async () => {
    if (fs.existsSync(complete)) return tc; // another process built it while we waited
    const tmp = path.join(dir, `bin.tmp-${process.pid}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(path.join(tmp, 'crds'), { recursive: true });
    const times: string[] = [];
    try {
      for (const c of fluxControllers) {
        log(`building ${c} (${tc.key}); a cold build takes several minutes`);
        const started = Date.now();
        await go(['build', ...goBuildFlags, '-o', path.join(tmp, c), upstreamPath(c)], fluxModule(c));
        const seconds = Math.round((Date.now() - started) / 1000);
        times.push(`${c} ${seconds}s`);
        log(`built ${c} in ${seconds}s`);
        await copyCrds(c, path.join(tmp, 'crds'));
      }
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
    fs.rmSync(binDir, { recursive: true, force: true });
    fs.renameSync(tmp, binDir);
    fs.writeFileSync(complete, `built: ${times.join(', ')}\n`);
    return tc;
  });
}
