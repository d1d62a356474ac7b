/** Where `/` leads: the Kratix page (the README's http://localhost:3000 otherwise is a 404). */
export const HOME_REDIRECT = { from: '/', to: '/kratix' };

/**
 * Gives the app's routes extension (`app/routes`) a redirect from `/` to the Kratix page unless
 * the app config sets its own redirects (`app.extensions: [{ app/routes: { config: { redirects
 * } } }]`, which then win).
 */
export function withHomeRedirect<C extends { [key: string]: unknown }>(
  nodeId: string,
  config: C | undefined,
): C | undefined {
  if (nodeId !== 'app/routes') return undefined;
  const redirects = config?.redirects;
  if (Array.isArray(redirects) && redirects.length > 0) return undefined;
  return { ...config, redirects: [HOME_REDIRECT] } as unknown as C;
}
