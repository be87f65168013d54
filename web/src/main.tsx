import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/context';
import { StrataApi } from './api/strata';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');

createRoot(root).render(
  <StrictMode>
    <ApiProvider api={StrataApi.forBrowser()}>
      <QueryClientProvider client={newQueryClient()}>
        <App />
      </QueryClientProvider>
    </ApiProvider>
  </StrictMode>,
);

function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A failed answer is shown with its reason and a Retry button at once; retrying a BAD_REQUEST or an
      // UNAUTHORIZED could not help, and a dashboard's numbers are fresh by the server's cache, so one retry of
      // anything else (a network blip) is enough.
      queries: { retry: 1, refetchOnWindowFocus: false },
    },
  });
}
