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
      <App />
    </ApiProvider>
  </StrictMode>,
);
