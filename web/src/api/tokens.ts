/**
 * The bearer token, held in memory only (never in localStorage): a reload signs the user out,
 * which is the safe default for an admin console.
 */
export class TokenStore {
  private token: string | undefined;
  private expiresAt: number | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The token, or undefined when signed out or expired. */
  get(): string | undefined {
    if (this.token === undefined) return undefined;
    if (this.expiresAt !== undefined && this.now() >= this.expiresAt) return undefined;
    return this.token;
  }

  /** Milliseconds since the epoch when the token expires, if the server said. */
  expiry(): number | undefined {
    return this.token === undefined ? undefined : this.expiresAt;
  }

  set(token: string, expiresInSeconds?: number): void {
    if (!token) throw new Error('token must not be empty');
    this.token = token;
    this.expiresAt = expiresInSeconds === undefined ? undefined : this.now() + expiresInSeconds * 1000;
    this.notify();
  }

  clear(): void {
    this.token = undefined;
    this.expiresAt = undefined;
    this.notify();
  }

  /** Calls the listener after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
