/** The till's store is a build-time constant (config/index.ts defines HUIYUAN_STORE_ID); the checkout's component tests set it as the build does. */
;(globalThis as { HUIYUAN_STORE_ID?: string }).HUIYUAN_STORE_ID = 'store-001'
export {}
