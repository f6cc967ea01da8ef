/**
 * 会员通's local cloud: the generic emulator (emulator/) configured with this app's indexes,
 * function folder and development secrets. Everything app-specific about running locally starts here.
 */
import path from 'node:path'
import { INDEXES } from '../cloudfunctions/shared/data/indexes'
import { LocalCloud, type LocalCloudOptions } from '../emulator/cloud'

export type { LocalCloud } from '../emulator/cloud'

/** A development value; in WeChat cloud the secret is a function environment variable set in the console. */
export const LOCAL_MEMBER_CODE_SECRET = 'local-development-member-code-secret'

export const DEFAULT_FUNCTIONS_DIR = path.resolve(__dirname, '..', 'dist', 'cloudfunctions')

export function startLocalCloud(options: Partial<LocalCloudOptions> = {}): Promise<LocalCloud> {
  return LocalCloud.start({
    ...options,
    functionsDir: options.functionsDir ?? DEFAULT_FUNCTIONS_DIR,
    indexes: options.indexes ?? INDEXES,
    // Kept from the first local runs: avatars in existing .local/db folders point into this bucket.
    storageBucket: options.storageBucket ?? 'local.huiyuan-local',
    env: { HUIYUAN_MEMBER_CODE_SECRET: LOCAL_MEMBER_CODE_SECRET, ...options.env },
  })
}
