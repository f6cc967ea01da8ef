import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..')
export const FUNCTIONS_SOURCE = path.join(ROOT, 'cloudfunctions')
export const FUNCTIONS_OUTPUT = path.join(ROOT, 'dist', 'cloudfunctions')

/** Every deployable function: a folder under cloudfunctions/ with an index.ts, except shared/. */
export function functionNames(): string[] {
  return readdirSync(FUNCTIONS_SOURCE, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
    .filter((entry) => existsSync(path.join(FUNCTIONS_SOURCE, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort()
}

/** The copy of the functions that jest's function tests run (HUIYUAN_TEST_FUNCTIONS_DIR: a separate copy, so two test runs on one checkout do not rebuild under each other). */
export const TEST_FUNCTIONS_OUTPUT = process.env.HUIYUAN_TEST_FUNCTIONS_DIR ?? path.join(ROOT, 'dist', 'test', 'cloudfunctions')
