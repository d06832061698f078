/**
 * Reading a status branch's history back for the fault tests: every failover decision item the
 * commits record (to show none is recorded twice), and every recorded time along the history (to
 * show none moves once written).
 */
import YAML from 'yaml';
import { gitCli } from '../git/helpers/workspace.ts';

/**
 * One string per decision item in the commit bodies, oldest first: `failover C taint`,
 * `evict C binding`, `purge C binding`, `recover C`.
 */
export function decisionItems(messages: readonly string[]): string[] {
  const out: string[] = [];
  for (const message of messages) {
    let kind = '';
    let cluster = '';
    for (const line of message.split('\n')) {
      const head = /^(failover|recover|evict|purge) (?:\d+ bindings? from )?(\S+) \(/.exec(line);
      if (head?.[1] && head[2]) {
        [kind, cluster] = [head[1], head[2]];
        if (kind === 'recover') out.push(`recover ${cluster}`);
        continue;
      }
      if (!line.startsWith('  ')) {
        kind = '';
        continue;
      }
      const item = line.trim();
      if (kind === 'failover' && item.startsWith('added taint '))
        out.push(`failover ${cluster} ${item.slice('added taint '.length)}`);
      if (kind === 'evict') out.push(`evict ${cluster} ${item.split(/[ ,]/)[0] ?? ''}`);
      if (kind === 'purge') out.push(`purge ${cluster} ${item.split(':')[0] ?? ''}`);
    }
  }
  return out;
}

/** The status branch's commit messages, oldest first. */
export async function statusMessages(repo: string, ref = 'flotilla-status'): Promise<string[]> {
  return (await gitCli(repo, 'log', '--reverse', '--format=%B%x00', ref))
    .split('\0')
    .map((m) => m.trim())
    .filter((m) => m !== '');
}

/** Items that occur more than once. */
export function repeated(items: readonly string[]): string[] {
  return [...new Set(items.filter((x, i) => items.indexOf(x) !== i))];
}

/**
 * Every recorded time that changed while its thing stayed recorded, along the history (oldest
 * first): a controller taint's timeAdded in `clusters/<cluster>.yaml`, an eviction task's
 * creationTimestamp in `bindingFile`. Empty when no time ever moved.
 */
export async function movedTimes(
  repo: string,
  cluster: string,
  bindingFile: string,
  ref = 'flotilla-status',
): Promise<string[]> {
  const commits = (await gitCli(repo, 'rev-list', '--reverse', ref)).trim().split('\n');
  const seen = new Map<string, string>();
  const moved: string[] = [];
  const note = (key: string, value: unknown, commit: string) => {
    if (typeof value !== 'string') return;
    const before = seen.get(key);
    if (before !== undefined && before !== value) moved.push(`${commit.slice(0, 7)} ${key}: ${before} → ${value}`);
    seen.set(key, value);
  };
  for (const c of commits) {
    const clusterFile = YAML.parse(await gitCli(repo, 'show', `${c}:clusters/${cluster}.yaml`).catch(() => 'null')) as {
      taints?: { key: string; effect: string; timeAdded?: string }[];
    } | null;
    const present = new Set<string>();
    for (const t of clusterFile?.taints ?? []) {
      const key = `taint ${t.key}:${t.effect}`;
      present.add(key);
      note(key, t.timeAdded, c);
    }
    const binding = YAML.parse(await gitCli(repo, 'show', `${c}:${bindingFile}`).catch(() => 'null')) as {
      spec?: { gracefulEvictionTasks?: { fromCluster: string; creationTimestamp?: string }[] };
    } | null;
    for (const t of binding?.spec?.gracefulEvictionTasks ?? []) {
      const key = `task from ${t.fromCluster}`;
      present.add(key);
      note(key, t.creationTimestamp, c);
    }
    for (const k of [...seen.keys()]) if (!present.has(k)) seen.delete(k); // removed: a later one is a new thing
  }
  return moved;
}
