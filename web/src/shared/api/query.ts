import { QueryClient } from '@tanstack/react-query';
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
