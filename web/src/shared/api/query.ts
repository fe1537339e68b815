import { QueryClient, type QueryKey, type Updater } from '@tanstack/react-query';
import { ApiError, SessionEndedError } from './errors';

/** Retries what may pass on a second try (network, 5xx), never a refusal or an ended session. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (error instanceof SessionEndedError) return false;
  if (error instanceof ApiError) return error.status >= 500 || error.status === 0;
  return true;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: (n) => Math.min(500 * 2 ** n, 4_000),
        staleTime: 15_000,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

/**
 * Puts the server's answer to a change in the cache. A read of the same data still under way (on
 * arrival, on focus, a poll) may have left before the change: it is dropped first, or its older
 * answer would land after this one and put the old data back on the screen.
 */
export function putAnswer<T>(
  client: QueryClient,
  queryKey: QueryKey,
  data: Updater<T | undefined, T | undefined>,
): void {
  void client.cancelQueries({ queryKey, exact: true });
  client.setQueryData<T>(queryKey, data);
}
