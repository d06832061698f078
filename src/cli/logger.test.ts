import assert from 'node:assert/strict';
import { createLog, type LogFormat, type LogLevel } from './logger.ts';

function capture(level: LogLevel, format: LogFormat): { lines: string[]; log: ReturnType<typeof createLog>['log'] } {
  const lines: string[] = [];
  const { log } = createLog({ level, format, base: { component: 'test' }, write: (l) => void lines.push(l) });
  return { lines, log };
}

describe('createLog: one levelled logger, JSON or text', () => {
  const cases: readonly {
    name: string;
    level: LogLevel;
    format: LogFormat;
    fields: Record<string, unknown>;
    want: RegExp | null;
  }[] = [
    {
      name: 'an error is level 50 in JSON, without a level field of its own',
      level: 'info',
      format: 'json',
      fields: { level: 'error', msg: 'reconcile failed', step: 'push' },
      want: /^\{"level":50,"time":\d+,"component":"test","msg":"reconcile failed","step":"push"\}\n$/,
    },
    {
      name: 'a warning is level 40',
      level: 'info',
      format: 'json',
      fields: { level: 'warn', msg: 'w' },
      want: /"level":40/,
    },
    {
      name: 'fields without a level are info',
      level: 'info',
      format: 'json',
      fields: { msg: 'pass done' },
      want: /"level":30/,
    },
    {
      name: 'debug is left out at info',
      level: 'info',
      format: 'json',
      fields: { level: 'debug', msg: 'source read' },
      want: null,
    },
    {
      name: 'debug is kept at debug',
      level: 'debug',
      format: 'json',
      fields: { level: 'debug', msg: 'source read' },
      want: /"level":20/,
    },
    { name: 'info is left out at error', level: 'error', format: 'json', fields: { msg: 'pass done' }, want: null },
    {
      name: 'text: time, level and msg first, then the fields in order, undefined ones left out',
      level: 'info',
      format: 'text',
      fields: {
        level: 'error',
        msg: 'rendered branch: mass prune held',
        reason: 'PruneGuard',
        cluster: 'eu',
        none: undefined,
        n: 2,
      },
      want: /^time="[0-9T:.-]+Z" level="error" msg="rendered branch: mass prune held" reason="PruneGuard" cluster="eu" n=2\n$/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { lines, log } = capture(c.level, c.format);
      log(c.fields);
      if (c.want === null) assert.deepEqual(lines, []);
      else assert.match(lines.join(''), c.want);
    });
  }
});
