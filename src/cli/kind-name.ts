/** kubectl's ways of naming one object on the command line: `KIND NAME`, `KIND/NAME`, `kind.group/NAME`. */
import { UsageError } from '../api/index.ts';

/** The typed kind and the name from one or two positionals; a UsageError saying the accepted forms otherwise. */
export function parseKindName(positionals: readonly string[], verb: string): { kind: string; name: string } {
  const [first = '', second] = positionals;
  const slash = first.indexOf('/');
  if (second === undefined && slash > 0 && slash < first.length - 1)
    return { kind: first.slice(0, slash), name: first.slice(slash + 1) };
  if (second !== undefined && slash < 0 && first !== '' && second !== '') return { kind: first, name: second };
  throw new UsageError(
    `expected KIND NAME or KIND/NAME (e.g. flotilla ${verb} deployment web, ${verb} deploy/web, ${verb} deployment.apps/web)`,
  );
}
