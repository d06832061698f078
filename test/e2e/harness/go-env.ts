// The Go toolchain and environment every end-to-end tool build uses.
import fs from 'node:fs';
import path from 'node:path';

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

/** Reads the version a go.mod requires for `module`. */
export function requiredVersion(goMod: string, module: string): string {
  const m = new RegExp(`^\\s*${module.replaceAll('.', '\\.')}\\s+(v\\S+)`, 'm').exec(goMod);
  if (!m?.[1]) throw new Error(`${module} is not required in go.mod`);
  return m[1];
}
