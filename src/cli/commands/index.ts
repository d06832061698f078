/**
 * The commands, in help order (an array, never a map). Each is imported only when it runs, so a
 * quick `flotilla validate` does not pay for loading the Kubernetes client or the git engine.
 */
import type { Command } from '../io.ts';

/** A command's name and how to load its module. */
interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<Command>;
}

export const commandEntries: readonly CommandEntry[] = [
  { name: 'plan', load: async () => (await import('./plan.ts')).planCommand },
  { name: 'validate', load: async () => (await import('./validate.ts')).validateCommand },
  { name: 'explain', load: async () => (await import('./explain.ts')).explainCommand },
  { name: 'interpret', load: async () => (await import('./interpret.ts')).interpretCommand },
  { name: 'simulate', load: async () => (await import('./simulate.ts')).simulateCommand },
  { name: 'diff', load: async () => (await import('./diff.ts')).diffCommand },
  { name: 'rebalance', load: async () => (await import('./rebalance.ts')).rebalanceCommand },
  { name: 'apply', load: async () => (await import('./apply.ts')).applyCommand },
  { name: 'status', load: async () => (await import('./status.ts')).statusCommand },
  { name: 'rollout', load: async () => (await import('./rollout.ts')).rolloutCommand },
  { name: 'get', load: async () => (await import('./get.ts')).getCommand },
  { name: 'join', load: async () => (await import('./join.ts')).joinCommand },
  { name: 'unjoin', load: async () => (await import('./unjoin.ts')).unjoinCommand },
  { name: 'promote', load: async () => (await import('./promote.ts')).promoteCommand },
  { name: 'clusters', load: async () => (await import('./clusters.ts')).clustersCommand },
  { name: 'render', load: async () => (await import('./render.ts')).renderCommand },
  { name: 'reconcile', load: async () => (await import('./reconcile.ts')).reconcileCommand },
  { name: 'controller', load: async () => (await import('./controller.ts')).controllerCommand },
  { name: 'completion', load: async () => (await import('./completion.ts')).completionCommand },
];

/** The command with this name, loaded; undefined when there is none. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  return commandEntries.find((e) => e.name === name)?.load();
}

/** Every command, loaded, in help order. */
export async function loadAllCommands(): Promise<readonly Command[]> {
  return Promise.all(commandEntries.map((e) => e.load()));
}
