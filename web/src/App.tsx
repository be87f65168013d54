import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi, useToken } from './api/context';
import { SignIn } from './components/SignIn';
import { formatState } from './dashboard/state';
import { AccessPage } from './pages/AccessPage';
import { DashboardPage } from './pages/DashboardPage';
import { DatasetsPage } from './pages/DatasetsPage';
import { MeasuresPage } from './pages/MeasuresPage';
import { TaskList } from './pages/TaskList';
import { UploadPage } from './pages/UploadPage';

export type Route =
  | { page: 'upload'; dataset?: string }
  | { page: 'datasets' }
  | { page: 'dashboard'; dataset: string; query: string }
  | { page: 'measures'; dataset: string }
  | { page: 'access' };

/**
 * `#/datasets` (the default), `#/datasets/<name>?<view>`, `#/datasets/<name>/measures`, `#/upload[?dataset=]`,
 * `#/access`.
 */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split(/\?(.*)/s);
  const [page, dataset, sub] = path.split('/');
  if (page === 'upload') {
    const preset = new URLSearchParams(query).get('dataset');
    return preset ? { page, dataset: preset } : { page };
  }
  if (page === 'access') return { page };
  if (page === 'datasets' && dataset) {
    const name = decodeURIComponent(dataset);
    return sub === 'measures' ? { page: 'measures', dataset: name } : { page: 'dashboard', dataset: name, query };
  }
  return { page: 'datasets' };
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function App() {
  const route = useRoute();
  const api = useApi();
  const token = useToken();
  const queryClient = useQueryClient();
  // Answers belong to the token that asked them (row policies, access): a new sign-in asks again.
  useEffect(() => api.tokens.subscribe(() => queryClient.removeQueries()), [api, queryClient]);
  const me = useQuery({ queryKey: ['me'], queryFn: () => api.me(), enabled: Boolean(token) });
  const admin = me.data?.roles.includes('admin') ?? false;
  const current = route.page === 'dashboard' || route.page === 'measures' ? 'datasets' : route.page;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href="#/datasets">
          <span className="brand-mark" aria-hidden="true" />
          Strata
        </a>
        <nav aria-label="Main">
          <a href="#/datasets" aria-current={current === 'datasets' ? 'page' : undefined}>
            Datasets
          </a>
          <a href="#/upload" aria-current={current === 'upload' ? 'page' : undefined}>
            Ingestion
          </a>
          {admin && (
            <a href="#/access" aria-current={current === 'access' ? 'page' : undefined}>
              Access
            </a>
          )}
        </nav>
        <SignIn />
      </header>
      <main id="main" tabIndex={-1} className={route.page === 'dashboard' ? 'main-wide' : undefined}>
        {/* Kept mounted while hidden, so a running ingestion is still followed after a look at the datasets. */}
        <div hidden={route.page !== 'upload'}>
          <UploadPage />
        </div>
        {route.page === 'upload' && token && <TaskList key={route.dataset ?? ''} initialDataset={route.dataset} />}
        {route.page === 'datasets' && <DatasetsPage />}
        {route.page === 'dashboard' && (
          <DashboardPage
            name={route.dataset}
            query={route.query}
            onNavigate={(state) => {
              const query = formatState(state);
              window.location.hash = `#/datasets/${encodeURIComponent(route.dataset)}${query ? `?${query}` : ''}`;
            }}
          />
        )}
        {route.page === 'measures' && <MeasuresPage name={route.dataset} />}
        {route.page === 'access' && <AccessPage />}
      </main>
    </>
  );
}
