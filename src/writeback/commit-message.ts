/** Commit messages of the status and rendered branches, with DESIGN's trailers (pure; X4). */
import type { ContractDiagnostic } from '../plan/index.ts';
import type { PathChange } from './file-changes.ts';
import type { DecisionDescription } from '../status/index.ts';
import type { Decision } from './revision-record.ts';

/** The trailer naming the source commit a flotilla commit was made from. */
export const sourceTrailer = 'Flotilla-Source';
/** The trailer naming the kind of decision a status commit records. */
export const decisionTrailer = 'Flotilla-Decision';

const listed = 20;

/** What a status commit message says. */
export interface StatusMessageInput {
  readonly decision: Decision;
  readonly revision: string;
  readonly lastApplied: string | null;
  readonly bindings: number;
  readonly works: number;
  readonly errors: readonly ContractDiagnostic[];
  readonly changes: readonly PathChange[];
  /** Failover decisions of this pass (described by the status stage); they lead the message. */
  readonly decisions?: readonly DecisionDescription[];
}

/**
 * The status commit message, for example:
 *   flotilla: plan 1a2b3c4 (4 bindings, 9 works)
 *
 *   Changed:
 *     bindings/shop/deployment.frontend.yaml
 *
 *   Flotilla-Source: 1a2b3c4…
 *   Flotilla-Decision: plan
 */
export function statusCommitMessage(m: StatusMessageInput): string {
  const short = m.revision.slice(0, 7);
  const body: string[] = [];
  let subject: string;
  if (m.decision === 'invalid') {
    subject = `flotilla: revision ${short} is invalid (${m.errors.length} error${m.errors.length === 1 ? '' : 's'})`;
    body.push('The revision was rejected as a whole; nothing was rendered or applied.');
    body.push(
      m.lastApplied
        ? `The last good revision ${m.lastApplied.slice(0, 7)} stays in force.`
        : 'No revision has been valid yet.',
    );
    body.push(
      '',
      ...clip(
        m.errors.map(
          (e) => `${e.file}:${e.line}${e.column !== undefined ? `:${e.column}` : ''}: ${e.code}: ${oneLine(e.message)}`,
        ),
      ),
    );
  } else {
    subject = `flotilla: plan ${short} (${m.bindings} binding${m.bindings === 1 ? '' : 's'}, ${m.works} work${m.works === 1 ? '' : 's'})`;
    const paths = m.changes.map((c) => `${c.content === null ? 'removed' : 'wrote'} ${c.path}`);
    body.push('Changed:', ...clip(paths).map((p) => `  ${p}`));
  }
  const decisions = m.decisions ?? [];
  if (decisions.length > 0) return failoverMessage(decisions, body, m);
  return `${subject}\n\n${body.join('\n')}\n\n${sourceTrailer}: ${m.revision}\n${decisionTrailer}: ${m.decision}\n`;
}

/**
 * A status commit carrying failover decisions: the first decision's subject (or a count), every
 * decision's lines, then the usual body, and one `Flotilla-Decision` trailer per kind involved.
 */
function failoverMessage(
  decisions: readonly DecisionDescription[],
  rest: readonly string[],
  m: StatusMessageInput,
): string {
  const first = decisions[0] as DecisionDescription;
  const subject =
    decisions.length === 1
      ? first.subject
      : `flotilla: ${decisions.length} failover decisions (${first.subject.replace(/^flotilla: /, '')}, …)`;
  const body = decisions.flatMap((d) => [d.subject.replace(/^flotilla: /, ''), ...d.body.map((l) => `  ${l}`)]);
  // The revision's own decision (plan or invalid) first, then each kind of failover decision.
  const kinds = [m.decision, ...[...new Set(decisions.map((d) => d.trailer))].sort()];
  const trailers = kinds.map((k) => `${decisionTrailer}: ${k}`).join('\n');
  return `${subject}\n\n${body.join('\n')}\n\n${rest.join('\n')}\n\n${sourceTrailer}: ${m.revision}\n${trailers}\n`;
}

/** The rendered branch commit message: one commit per source revision. */
export function renderedCommitMessage(revision: string, clusters: number, files: number): string {
  return `flotilla: render ${revision.slice(0, 7)} for ${clusters} cluster${clusters === 1 ? '' : 's'} (${files} files)\n\n${sourceTrailer}: ${revision}\n`;
}

function clip(lines: readonly string[]): string[] {
  return lines.length <= listed ? [...lines] : [...lines.slice(0, listed), `…and ${lines.length - listed} more`];
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
