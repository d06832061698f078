// Daemon processes that outlive the `clusters` command that started them,
// plus the loopback port allocation they listen on.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A started daemon as recorded in the state file. */
export interface ProcessRecord {
  readonly pid: number;
  readonly binary: string;
  readonly log: string;
}

/** Starts `binary args` detached, output appended to `log`; returns its record. */
export function spawnDaemon(binary: string, args: ReadonlyArray<string>, log: string): ProcessRecord {
  const fd = fs.openSync(log, 'a');
  try {
    fs.writeSync(fd, `\n--- ${new Date().toISOString()} ${binary} ${args.join(' ')}\n`);
    const child = spawn(binary, args, { detached: true, stdio: ['ignore', fd, fd] });
    if (child.pid === undefined) throw new Error(`failed to start ${binary}`);
    child.unref();
    return { pid: child.pid, binary, log };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * True while the process runs and is still the binary we started (a pid can
 * be reused after a reboot or a long time). A zombie counts as gone.
 */
export function isRunning(rec: ProcessRecord): boolean {
  let stat: string;
  let exe: string;
  try {
    stat = fs.readFileSync(`/proc/${rec.pid}/stat`, 'utf8');
    exe = fs.readFileSync(`/proc/${rec.pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
  } catch {
    return false; // no such process
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X' && exe === rec.binary;
}

/** Sends SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(rec: ProcessRecord, graceMs = 3_000): Promise<void> {
  if (!isRunning(rec)) return;
  signal(rec.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isRunning(rec) && Date.now() < deadline) await sleep(100);
  if (!isRunning(rec)) return;
  signal(rec.pid, 'SIGKILL');
  const killDeadline = Date.now() + 10_000;
  while (isRunning(rec) && Date.now() < killDeadline) await sleep(100);
  if (isRunning(rec)) throw new Error(`process ${rec.pid} (${rec.binary}) did not exit after SIGKILL`);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/**
 * The ports to pick from: just below the kernel's ephemeral range. A port from
 * that range, once free, could be taken as the local port of any outgoing
 * connection (kwok and the controllers reconnect to a stopped apiserver all
 * the time); a port below it can only be taken by a listener.
 */
function portRange(): { low: number; high: number } {
  let ephemeralLow = 32768;
  try {
    const first = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(first) && first > 2048) ephemeralLow = first;
  } catch {
    // not Linux: keep the usual default
  }
  return { low: Math.max(1024, ephemeralLow - 12_000), high: ephemeralLow - 1 };
}

function listen(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * Returns `count` distinct free TCP ports on 127.0.0.1 (held open until all are found), none of
 * `taken`: ports already given to a component that is not listening yet look free too.
 */
export async function freePorts(count: number, taken: ReadonlySet<number> = new Set()): Promise<number[]> {
  const { low, high } = portRange();
  const servers: net.Server[] = [];
  try {
    for (let tries = 0; servers.length < count; tries++) {
      if (tries > 1000) throw new Error(`no free port between ${low} and ${high} on 127.0.0.1`);
      const port = low + Math.floor(Math.random() * (high - low + 1));
      const server = taken.has(port) ? undefined : await listen(port);
      if (server) servers.push(server);
    }
    return servers.map((s) => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/**
 * Processes whose command line names a file under `dir` and whose binary is
 * one of `binaries`: what a crashed `up` may have started without recording.
 */
export function processesUsing(dir: string, binaries: ReadonlyArray<string>): ProcessRecord[] {
  const found: ProcessRecord[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited meanwhile
    }
    const binary = argv[0] ?? '';
    if (!binaries.includes(path.basename(binary))) continue;
    if (!argv.slice(1).some((a) => a.includes(`${dir}${path.sep}`))) continue;
    found.push({ pid: Number(entry), binary, log: '' });
  }
  return found;
}

/** Runs a command to completion, throwing with its output when it fails. */
export function run(
  cmd: string,
  args: ReadonlyArray<string>,
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): string {
  const res = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error) throw new Error(`${cmd} failed to start: ${res.error.message}`, { cause: res.error });
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}:\n${res.stderr}${res.stdout}`);
  }
  return res.stdout;
}

/** Reads the last `bytes` of a log file, for error messages. */
export function logTail(file: string, bytes = 2000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.slice(-bytes);
  } catch {
    return '(no log)';
  }
}
