/**
 * The helm binary for the chart tests: built with `go build` from the module pinned in
 * test/e2e/tools/helm into the e2e binary cache (outside the clone, kept between runs), keyed by
 * a hash of that module's go.mod and go.sum and the build flags, so only the first run on a
 * machine pays for the build. Same Go environment as the harness build (test/e2e/harness/build.ts).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { goBinary, goEnv } from '../e2e/harness/build.ts';
import { withLock } from '../e2e/harness/lock.ts';
import { cacheRoot, e2eDir } from '../e2e/harness/paths.ts';

const execFileP = promisify(execFile);

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
  const goMod = fs.readFileSync(path.join(helmModule, 'go.mod'));
  const goSum = fs.readFileSync(path.join(helmModule, 'go.sum'));
  const version = helmVersion(goMod.toString('utf8'));
  const hash = createHash('sha256')
    .update(goMod)
    .update(goSum)
    .update(JSON.stringify(buildFlags(version)));
  const key = `helm-${version}_${hash.digest('hex').slice(0, 10)}`;
  return { key, bin: path.join(cacheRoot(), key, 'bin', 'helm') };
}

/** Builds helm into the cache unless it is there; returns the binary's path. */
export async function ensureHelm(log: (msg: string) => void): Promise<string> {
  const { key, bin } = helmLocation();
  const binDir = path.dirname(bin);
  const complete = path.join(binDir, '.complete');
  if (fs.existsSync(complete)) return bin;
  const dir = path.dirname(binDir);
  fs.mkdirSync(dir, { recursive: true });
  return withLock(path.join(dir, 'build.lock'), 60 * 60_000, async () => {
    if (fs.existsSync(complete)) return bin; // another process built it while we waited
    const started = Date.now();
    const tmp = path.join(dir, `bin.tmp-${process.pid}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    const version = helmVersion(fs.readFileSync(path.join(helmModule, 'go.mod'), 'utf8'));
    log(`building helm (${key}); a cold build takes several minutes`);
    try {
      await execFileP(goBinary(), ['build', ...buildFlags(version), '-o', path.join(tmp, 'helm'), helmPackage], {
        cwd: helmModule,
        env: goEnv(),
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      const stderr = (err as { stderr?: string }).stderr ?? '';
      throw new Error(`go build ${helmPackage} failed:\n${stderr}`, { cause: err });
    }
    fs.rmSync(binDir, { recursive: true, force: true });
    fs.renameSync(tmp, binDir);
    const seconds = Math.round((Date.now() - started) / 1000);
    fs.writeFileSync(complete, `built in ${seconds}s\n`);
    log(`built ${bin} in ${seconds}s`);
    return bin;
  });
}
