/**
 * A local WeChat cloud (云开发) environment for one project: the database the unmodified
 * wx-server-sdk talks to, function instances with per-invocation identity, the subscription-message
 * outbox, storage and timers. It knows no application: indexes, the functions folder, environment
 * variables and secrets are passed in. See README.md.
 */
export { LocalCloud, type LocalCloudOptions } from './cloud'
export { EmulatedDatabase, startDatabaseServer, sdkEnv, type DatabaseOptions, type DatabaseServer, type IndexSpec, type DbStats } from './database'
export { FunctionRunner, functionCredentials, InvocationError, MAX_EVENT_BYTES, MAX_EVENT_DEPTH, MAX_RESULT_BYTES, type Identity, type RunnerOptions } from './functions/runner'
export { Outbox, OUTBOX_KEEP, type OutboxMessage, type SendResult } from './openapi/outbox'
export { LocalStorage, StorageEndpoint } from './storage'
export { parseCron, nextFireTime, readTimerTriggers, timerEvent, TimerClock, type TimerTrigger } from './timers'
