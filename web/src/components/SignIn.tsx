import { useState } from 'react';
import { useApi, useToken } from '../api/context';
import { DEV_CLIENTS } from '../api/strata';
import { toApiError } from '../api/errors';

/** Header control: sign in with one of the local profile's dev clients (admin by default), or sign out. */
export function SignIn() {
  const api = useApi();
  const token = useToken();
  const [client, setClient] = useState<string>(DEV_CLIENTS[0]);
  const [signedInAs, setSignedInAs] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const signIn = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api.signIn(client, client);
      setSignedInAs(client);
    } catch (error) {
      const apiError = toApiError(error);
      setProblem(`${apiError.message}. ${apiError.hint}`);
    } finally {
      setBusy(false);
    }
  };

  if (token) {
    const expiry = api.tokens.expiry();
    return (
      <div className="sign-in">
        <span className="sign-in-status" title={expiry ? `Expires ${new Date(expiry).toLocaleTimeString()}` : undefined}>
          Signed in as <code>{signedInAs ?? client}</code>
        </span>
        <button type="button" className="button-secondary" onClick={() => api.signOut()}>
          Sign out
        </button>
      </div>
    );
  }
  return (
    <div className="sign-in">
      {problem && (
        <span className="sign-in-problem" role="alert">
          {problem}
        </span>
      )}
      <label className="inline-field">
        <span className="visually-hidden">Dev client</span>
        <select value={client} onChange={(event) => setClient(event.target.value)} title="Dev clients of the local profile">
          {DEV_CLIENTS.map((id) => (
            <option key={id} value={id}>
              {id.replace('strata-', '')}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={signIn} disabled={busy} title="Client credentials of the local profile">
        {busy ? 'Signing in…' : `Sign in`}
      </button>
    </div>
  );
}
