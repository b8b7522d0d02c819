import { describe, expect, it } from 'vitest';
import { matchRoute } from './router';

describe('matchRoute', () => {
  it('maps the five screens', () => {
    expect(matchRoute('/', '')).toEqual({ name: 'home' });
    expect(matchRoute('/shopper', '')).toEqual({ name: 'shopper' });
    expect(matchRoute('/vendor/', '')).toEqual({ name: 'vendor' });
    expect(matchRoute('/inspector', '')).toEqual({ name: 'inspector' });
  });
  it('takes the stall code from the fragment of /c and /C (the QR text is upper case)', () => {
    expect(matchRoute('/C', '#AEGWQ')).toEqual({ name: 'code', fragment: 'AEGWQ' });
    expect(matchRoute('/c', '#aegwq')).toEqual({ name: 'code', fragment: 'aegwq' });
    expect(matchRoute('/c', '')).toEqual({ name: 'code', fragment: '' });
  });
  it('reports anything else as not found', () => {
    expect(matchRoute('/v1/headers', '')).toEqual({ name: 'not-found', path: '/v1/headers' });
  });
});
