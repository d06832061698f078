/** `flotilla validate`: the whole planning pipeline, reporting every error and warning, printing no plan. */
import { formatDiagnostic } from '../../api/index.ts';
import { planToContract } from '../../plan/index.ts';
import { exitInvalid, exitOk, type Command } from '../io.ts';
import { planRevision, stringFlag } from '../load-revision.ts';
import { toOutputFormat } from '../output.ts';
import { printStreamed } from '../output-stream.ts';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check a fleet repo revision; report errors and warnings with file:line:col',
  maxPositionals: 0,
  options: {
    repo: { type: 'string', default: '.' },
    ref: { type: 'string' },
    output: { type: 'string', short: 'o', default: 'table' },
  },
  help: `Check one revision of a fleet repo without printing its plan.

Usage: flotilla validate [--repo DIR] [--ref REF] [-o json|yaml|table]

Runs the whole planning pipeline (YAML, schemas, policies, scheduling, overrides,
interpreter scripts, rendering) and reports every problem as
  file:line:col: error|warning Code: message
It rejects exactly what 'flotilla plan' rejects. Writes nothing.

Options:
      --repo DIR        fleet repo directory (default: .)
      --ref REF         check the tree of this git ref of DIR instead of the working tree
  -o, --output FORMAT   table (one line per problem) | json | yaml: {"errors": [...], "warnings": [...]}

Exit status:
  0  valid (warnings allowed)
  1  invalid: at least one error
  2  usage error, or the repo could not be read

Examples:
  # Check the working tree before committing
  flotilla validate --repo .

  # Check what is on a branch, as JSON for a CI annotation step
  flotilla validate --repo . --ref origin/main -o json
`,
  async run(values, _positionals, io) {
    const output = toOutputFormat(values['output']);
    const plan = await planRevision({ repo: stringFlag(values['repo']) ?? '.', ref: stringFlag(values['ref']), works: 'check' }, io.cwd);
    const { revision, errors, warnings } = planToContract(plan);
    if (output !== 'table') await printStreamed(io, { revision, errors, warnings }, output);
    else {
      for (const d of [...plan.errors, ...plan.warnings]) io.stdout(`${formatDiagnostic(d)}\n`);
      io.stdout(`${plan.errors.length} error(s), ${plan.warnings.length} warning(s)\n`);
    }
    return plan.errors.length ? exitInvalid : exitOk;
  },
};
