/**
 * Test-only crash points: `FLOTILLA_TEST_KILL_AT=<step>` makes the process SIGKILL itself when it
 * reaches that step, so tests can show that a kill at the worst moment loses nothing. The CLI
 * reads the environment and arms the step (the env is read only in the shell); nothing else
 * arms one, so in normal runs `killPoint` is a comparison and nothing more. src/cluster names
 * its member-apply steps in the same variable; a step name says where it is (`git-…` here).
 */

/** The git steps a test can kill at. */
export const gitKillSteps = [
  /** A ref lock is created and names its owner; the ref is not written yet. */
  'git-ref-locked',
  /** The ref's new value is in the lock file; the lock is not renamed yet. */
  'git-ref-written',
  /** Half of a loose object's bytes are written to its temporary file. */
  'git-object-write',
] as const;

/** One of gitKillSteps. */
export type GitKillStep = (typeof gitKillSteps)[number];

let armed: string | undefined;

/** Arms the step named by `FLOTILLA_TEST_KILL_AT` (undefined disarms); steps of other modules are ignored here. */
export function armKillPoint(step: string | undefined): void {
  armed = step;
}

/** SIGKILLs this process when `step` is the armed one. */
export function killPoint(step: GitKillStep): void {
  if (armed === step) process.kill(process.pid, 'SIGKILL');
}
