/** Public API of the local WeChat-cloud database emulator (see README.md for the wire protocol). */
export { EmulatedDatabase } from './database';
export type { DatabaseOptions } from './database';
export type { IndexSpec } from './indexes';
export type { DbStats, Caller } from './tcb-handler';
export { OPENID_TOKEN_PREFIX, DEFAULT_LIMIT, MAX_LIMIT } from './tcb-handler';
export { startDatabaseServer, sdkEnv } from './server';
export type { ServerOptions, DatabaseServer } from './server';
export { AGGREGATE_DEFAULT_LIMIT } from './aggregate';
export { TRANSACTION_TTL_MS } from './transactions';
