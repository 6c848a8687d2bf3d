import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './router';

describe('parseRoute', () => {
  it('knows the operator routes, apart from the buyer ones', () => {
    expect(parseRoute(paths.operator())).toEqual({ name: 'operator' });
    expect(parseRoute('/operator/')).toEqual({ name: 'operator' });
    expect(parseRoute(paths.operatorConsole(12))).toEqual({ name: 'operatorConsole', id: 12 });
    expect(parseRoute('/operator/performances/0')).toEqual({ name: 'notFound' });
    expect(parseRoute('/operator/performances/3/seats')).toEqual({ name: 'notFound' });
    expect(parseRoute(paths.performance(3))).toEqual({ name: 'performance', id: 3 });
  });
});
