import { useState } from 'react';
import { useApi, useToken } from '../api/context';
import { DEV_CLIENT } from '../api/strata';
import { toApiError } from '../api/errors';

/** Header control: sign in with the local profile's dev client, or sign out. */
export function SignIn() {
  const api = useApi();
  const token = useToken();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const signIn = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api.signIn(DEV_CLIENT.id, DEV_CLIENT.secret);
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
          Signed in as <code>{DEV_CLIENT.id}</code>
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
      <button type="button" onClick={signIn} disabled={busy} title="Client credentials of the local profile">
        {busy ? 'Signing in…' : `Sign in (dev client ${DEV_CLIENT.id})`}
      </button>
    </div>
  );
}
