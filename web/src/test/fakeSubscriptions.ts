import type { SubscriptionSink, SubscriptionTransport } from '../api/subscriptions';

/** A subscription transport the test drives: it keeps each sink so the test can push results. */
export function fakeSubscriptions() {
  const subscriptions: { document: string; variables: Record<string, unknown>; sink: SubscriptionSink<unknown>; closed: boolean }[] = [];
  const transport: SubscriptionTransport = {
    subscribe<T>(document: string, variables: Record<string, unknown>, sink: SubscriptionSink<T>) {
      const entry = { document, variables, sink: sink as SubscriptionSink<unknown>, closed: false };
      subscriptions.push(entry);
      return () => {
        entry.closed = true;
      };
    },
  };
  return { transport, subscriptions };
}
