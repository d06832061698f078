/**
 * Kubernetes API failures as data: the `Status` body of a non-2xx response (code, reason, the
 * server's message, causes) and the field-manager conflicts of a 409 server-side apply
 * (k8s.io/apimachinery/pkg/util/managedfields: "Apply failed with N conflict(s): conflict(s)
 * with "manager" using group/version: .field").
 */
import { compareStrings, isPlainObject } from '../api/index.ts';

/** One cause of a failed request (metav1.StatusCause). */
export interface StatusCause {
  readonly reason: string;
  readonly message: string;
  readonly field: string;
}

/** A failed API response. */
export interface ApiStatus {
  readonly code: number;
  /** metav1.StatusReason, e.g. NotFound, Forbidden, Conflict, Invalid; HTTP status text when absent. */
  readonly reason: string;
  /** The server's message, verbatim. */
  readonly message: string;
  readonly causes: readonly StatusCause[];
}

/** Fields another manager owns, from a 409 apply conflict. */
export interface FieldConflict {
  readonly manager: string;
  readonly fields: readonly string[];
}

const reasonsByCode: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Gone',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** Parses a response body (a Status object, or any text) into an ApiStatus. */
export function parseStatus(code: number, body: string): ApiStatus {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined; // not JSON: the text itself is the message
  }
  const fallbackReason = reasonsByCode[code] ?? `HTTP${code}`;
  if (!isPlainObject(parsed) || parsed['kind'] !== 'Status') {
    return { code, reason: fallbackReason, message: body.trim().slice(0, 500) || `HTTP ${code}`, causes: [] };
  }
  const details = isPlainObject(parsed['details']) ? parsed['details'] : {};
  const causes = (Array.isArray(details['causes']) ? details['causes'] : []).filter(isPlainObject).map((c) => ({
    reason: typeof c['reason'] === 'string' ? c['reason'] : '',
    message: typeof c['message'] === 'string' ? c['message'] : '',
    field: typeof c['field'] === 'string' ? c['field'] : '',
  }));
  return {
    code,
    reason: typeof parsed['reason'] === 'string' && parsed['reason'] !== '' ? parsed['reason'] : fallbackReason,
    message: typeof parsed['message'] === 'string' ? parsed['message'] : `HTTP ${code}`,
    causes,
  };
}

const managerPattern = /conflicts? with "([^"]*)"/;

/**
 * The managers and fields of an apply conflict, sorted by manager. Prefers the structured
 * FieldManagerConflict causes; falls back to parsing the message (older servers, proxies).
 */
export function parseConflicts(status: ApiStatus): FieldConflict[] {
  const byManager = new Map<string, Set<string>>();
  const add = (manager: string, field: string) => {
    const set = byManager.get(manager) ?? new Set<string>();
    if (field) set.add(field);
    byManager.set(manager, set);
  };
  for (const c of status.causes) {
    if (c.reason !== 'FieldManagerConflict') continue;
    const m = managerPattern.exec(c.message);
    if (m?.[1] !== undefined) add(m[1], c.field);
  }
  if (byManager.size === 0) parseConflictMessage(status.message, add);
  return [...byManager.keys()]
    .sort(compareStrings)
    .map((manager) => ({ manager, fields: [...(byManager.get(manager) ?? [])].sort(compareStrings) }));
}

// "Apply failed with 1 conflict: conflict with "m" using apps/v1: .spec.replicas"
// "Apply failed with 2 conflicts: conflicts with "m" using apps/v1:\n- .a\n- .b"
// several managers: one "conflicts with ..." block each.
function parseConflictMessage(message: string, add: (manager: string, field: string) => void): void {
  let manager: string | undefined;
  for (const raw of message.split('\n')) {
    const line = raw.trim();
    const m = managerPattern.exec(line);
    if (m?.[1] !== undefined) {
      manager = m[1];
      const rest = line.slice(line.indexOf(':', line.indexOf(m[0]) + m[0].length) + 1).trim();
      if (rest.startsWith('.')) add(manager, rest);
      else add(manager, '');
    } else if (manager !== undefined && line.startsWith('- ')) {
      add(manager, line.slice(2));
    }
  }
}
