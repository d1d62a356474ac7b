import { HOME_REDIRECT, withHomeRedirect } from './homeRedirect';

describe('withHomeRedirect', () => {
  it('redirects / to the Kratix page in the routes extension', () => {
    expect(withHomeRedirect('app/routes', {})).toEqual({
      redirects: [HOME_REDIRECT],
    });
    expect(withHomeRedirect('app/routes', undefined)).toEqual({
      redirects: [{ from: '/', to: '/kratix' }],
    });
  });

  it('leaves other extensions and configured redirects alone', () => {
    expect(withHomeRedirect('app/layout', {})).toBeUndefined();
    expect(
      withHomeRedirect('app/routes', {
        redirects: [{ from: '/', to: '/catalog' }],
      }),
    ).toBeUndefined();
  });
});
