// For component tests: the page's `fetch` answered from a table of routes (`'POST /auth/logout'`),
// with what the page sent kept for the test to read. An unknown route answers 404 with no problem
// document, as a gateway without that route would.
import { vi } from 'vitest';

type Answer = Response | Promise<Response>;
export type Route = (request: Request) => Answer;

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

export function fakeApi(routes: Record<string, Route>) {
  const sent: Request[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push(request.clone());
    const route = routes[`${request.method} ${new URL(request.url).pathname}`];
    return route ? route(request) : new Response(null, { status: 404 });
  });
  vi.stubGlobal('fetch', fetch);
  return {
    routes,
    /** `METHOD /path` of each request, in the order they were sent. */
    calls: () => sent.map((r) => `${r.method} ${new URL(r.url).pathname}`),
    /** The requests sent to one route. */
    requests: (key: string) => sent.filter((r) => `${r.method} ${new URL(r.url).pathname}` === key),
  };
}
