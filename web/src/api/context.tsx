import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { StrataApi } from './strata';

const ApiContext = createContext<StrataApi | null>(null);

export function ApiProvider({ api, children }: { api: StrataApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): StrataApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it');
  return api;
}

/** The current token (undefined when signed out); re-renders on sign-in and sign-out. */
export function useToken(): string | undefined {
  const { tokens } = useApi();
  return useSyncExternalStore(
    (listener) => tokens.subscribe(listener),
    () => tokens.get(),
  );
}
