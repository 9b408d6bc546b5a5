import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('configuration', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toMatchObject({ HOST: '127.0.0.1', PORT: 8787, DATA_DIR: './data' });
  });
  it('names the variable and the value that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ SECRET: 'short' })).toThrow(/SECRET must be at least 32/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL.*"loud"/s);
  });
  it('takes cluster URLs and never repeats a secret or a URL that may hold a password', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://tb@db:5432/tb', REDIS_URL: 'redis://cache:6379' })).toMatchObject({
      DATABASE_URL: 'postgres://tb@db:5432/tb',
      DATABASE_SCHEMA: 'public',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:hunter2@db/tb' })).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:hunter2@db/tb' })).not.toThrow(/hunter2/);
    expect(() => loadConfig({ REDIS_URL: 'http://u:hunter2@cache' })).not.toThrow(/hunter2/);
    expect(() => loadConfig({ SECRET: 'hunter2' })).not.toThrow(/hunter2/);
    expect(() => loadConfig({ DATABASE_SCHEMA: 'x; DROP TABLE boards' })).toThrow(/DATABASE_SCHEMA/);
  });
});
