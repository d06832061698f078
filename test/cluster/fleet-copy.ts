/** The starting point of a CLI e2e suite (Q6): the members up, and a temporary copy of test/cluster/fleet to change. */
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { members } from './harness.ts';

/** Starts the members (once per process) and copies the fleet repo; the caller removes `repo`. */
export async function membersAndFleetCopy(prefix: string): Promise<{ kubeconfig: string; repo: string }> {
  const { kubeconfig } = await members();
  const repo = mkdtempSync(path.join(os.tmpdir(), prefix));
  cpSync(path.join(import.meta.dirname, 'fleet'), repo, { recursive: true });
  return { kubeconfig, repo };
}
