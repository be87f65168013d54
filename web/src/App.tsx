import { useEffect, useState } from 'react';
import { SignIn } from './components/SignIn';
import { DatasetsPage } from './pages/DatasetsPage';
import { UploadPage } from './pages/UploadPage';

type Route = { page: 'upload' } | { page: 'datasets'; dataset?: string };

/** `#/upload`, `#/datasets`, `#/datasets/<name>`; anything else is the upload page. */
export function parseRoute(hash: string): Route {
  const [page, dataset] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'datasets') return dataset ? { page, dataset: decodeURIComponent(dataset) } : { page };
  return { page: 'upload' };
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
  return (
    <>
      <header className="topbar">
        <a className="brand" href="#/upload">
          Strata
        </a>
        <nav>
          <a href="#/upload" aria-current={route.page === 'upload' ? 'page' : undefined}>
            Upload
          </a>
          <a href="#/datasets" aria-current={route.page === 'datasets' ? 'page' : undefined}>
            Datasets
          </a>
        </nav>
        <SignIn />
      </header>
      <main>
        {/* Kept mounted while hidden, so a running ingestion is still followed after a look at the datasets. */}
        <div hidden={route.page !== 'upload'}>
          <UploadPage />
        </div>
        {route.page === 'datasets' && (
          <DatasetsPage
            selected={route.dataset}
            onSelect={(name) => {
              window.location.hash = `#/datasets/${encodeURIComponent(name)}`;
            }}
          />
        )}
      </main>
    </>
  );
}
