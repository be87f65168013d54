import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ApiProvider } from '../api/context';
import type { FetchLike } from '../api/http';
import { StrataApi } from '../api/strata';
import type { SubscriptionTransport } from '../api/subscriptions';

/** Renders with the providers the app has: an API over the given fetch (signed in), and a fresh query cache. */
export function renderWithApi(
  ui: ReactElement,
  { fetch, subscriptions, signedIn = true }: { fetch: FetchLike; subscriptions?: SubscriptionTransport; signedIn?: boolean },
) {
  const api = new StrataApi({ fetch, subscriptions });
  if (signedIn) api.tokens.set('test-token');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </ApiProvider>,
  );
  return { ...result, api, queryClient };
}
