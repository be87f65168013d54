import { useEffect, useState } from 'react';
import { useApi } from '../api/context';
import type { ConnectionStatus } from '../api/subscriptions';

/** The live connection's status (graphql-ws): connected once the server acknowledged the socket. */
export function useConnection(): ConnectionStatus {
  const api = useApi();
  const [status, setStatus] = useState<ConnectionStatus>('closed');
  useEffect(() => api.watchConnection(setStatus), [api]);
  return status;
}
