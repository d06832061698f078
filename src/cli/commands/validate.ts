/** `flotilla validate`: the whole planning pipeline, reporting every error and warning, printing no plan. */
import { formatDiagnostic } from '../../api/index.ts';
import { planToContract } from '../../plan/index.ts';
import { paintDiagnostic, paletteFor } from '../colour.ts';
import { defineCommand } from '../command.ts';
import { exitInvalid, exitOk } from '../io.ts';
import { planRevision } from '../load-revision.ts';
import { printStreamed } from '../output-stream.ts';
import { outputFlags, revisionFlags, strictFlag } from '../shared-flags.ts';

/** `flotilla validate`: the command definition (K1). */
export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'Check a fleet repo revision; report errors and warnings with file:line:col',
  maxPositionals: 0,
  flags: { ...revisionFlags, ...strictFlag, output: outputFlags(['json', 'yaml', 'table']).output },
  about: `Check one revision of a fleet repo without printing its plan.

Usage: flotilla validate [--repo DIR] [--ref REF] [--strict] [-o json|yaml|table]

Runs the whole planning pipeline (YAML, schemas, policies, scheduling, overrides,
interpreter scripts, rendering) and reports every problem as
  file:line:col: error|warning Code: message
It rejects exactly what 'flotilla plan' rejects. Writes nothing. -o table prints one line per
problem; -o json|yaml prints {"revision", "errors": [...], "warnings": [...]}.`,
  footer: `Exit status:
  0  valid (warnings allowed, unless --strict)
  1  invalid: at least one error (with --strict: or a warning)
  2  usage error, or the repo could not be read

Examples:
  # Check the working tree before committing
  flotilla validate --repo .

  # Check the previous commit, failing on warnings too (a CI gate)
  flotilla validate --repo . --ref HEAD~1 --strict

  # Check what is on a branch, as JSON for a CI annotation step
  flotilla validate --repo . --ref origin/main -o json
`,
  async run(values, _positionals, io) {
    const output = values.output;
    const plan = await planRevision({ repo: values.repo, ref: values.ref, works: 'check' }, io.cwd);
    const { revision, errors, warnings } = planToContract(plan);
    if (output !== 'table') await printStreamed(io, { revision, errors, warnings }, output);
    else {
      const p = paletteFor(io.tty?.stdout, io.env);
      for (const d of [...plan.errors, ...plan.warnings]) io.stdout(`${paintDiagnostic(formatDiagnostic(d), p)}\n`);
      io.stdout(
        `${plan.errors.length} error(s), ${plan.warnings.length} warning(s)${values.strict && plan.warnings.length ? ' (--strict: warnings fail)' : ''}\n`,
      );
    }
    return plan.errors.length || (values.strict && plan.warnings.length) ? exitInvalid : exitOk;
  },
});
