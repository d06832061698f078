import assert from 'node:assert/strict';
import { InternalError } from '../api/index.ts';
import { addSeconds, formatInstant, instant, isAfter } from './time.ts';

describe('status: RFC 3339 time arithmetic', () => {
  const cases: readonly { name: string; got: () => unknown; want: unknown }[] = [
    {
      name: 'adds seconds in second precision',
      got: () => addSeconds('2026-01-01T23:59:30Z', 45),
      want: '2026-01-02T00:00:15Z',
    },
    {
      name: 'reads offsets as UTC',
      got: () => addSeconds('2026-01-01T10:00:00+02:00', 0),
      want: '2026-01-01T08:00:00Z',
    },
    {
      name: 'keeps fractions only when present',
      got: () => formatInstant(instant('2026-01-01T00:00:00.250Z')),
      want: '2026-01-01T00:00:00.250Z',
    },
    {
      name: 'isAfter is strict',
      got: () => [
        isAfter('2026-01-01T00:00:01Z', '2026-01-01T00:00:00Z'),
        isAfter('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
      ],
      want: [true, false],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(c.got(), c.want));
  it('a malformed time is an InternalError (the shell validates what it reads)', () =>
    assert.throws(() => instant('yesterday'), InternalError));
});
