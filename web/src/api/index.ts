export { ApiError, hintFor, toApiError, type ErrorKind } from './errors';
export { GraphQlClient } from './graphql';
export { HttpClient, type FetchLike } from './http';
export { DEV_CLIENT, StrataApi, type StrataApiOptions } from './strata';
export { defaultWebSocketUrl, graphQlWsTransport, type SubscriptionSink, type SubscriptionTransport } from './subscriptions';
export { followTask, type FollowMode, type TaskFollowerListener, type TaskSource } from './taskFollower';
export { TokenStore } from './tokens';
export * from './types';
