/** The local-mode figure counts a port's local binding and its emulator-only variables, and lets the clock's hook be. */
import path from 'node:path'
import { FUNCTIONS_SOURCE } from '../../../scripts/functions'
import { localOnlyLines } from '../../../bench/sections/localMode'

it('counts the lines of a localBinding and each read of a WX_EMULATOR_ variable but the clock’s', () => {
  const name = path.join(FUNCTIONS_SOURCE, 'shared', 'runtime', 'port.ts')
  const text = [
    'export function port() {',
    '  const url = process.env.WX_EMULATOR_PORT_URL',
    '  const offset = process.env.WX_EMULATOR_CLOCK_OFFSET_MS',
    '  return url ? localBinding(url) : cloudBinding()',
    '}',
    'function localBinding(url: string) {',
    '  return { url }',
    '}',
    'function cloudBinding() {',
    '  return {}',
    '}',
  ].join('\n')
  expect(localOnlyLines([{ name, text }])).toEqual({ bindingLines: 3, emulatorReads: ['shared/runtime/port.ts:2'] })
  expect(localOnlyLines([{ name, text: 'export const x = 1' }])).toEqual({ bindingLines: 0, emulatorReads: [] })
})
