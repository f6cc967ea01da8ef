import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { FUNCTIONS_SOURCE } from '../../scripts/functions'
import type { BenchSection } from '../types'
import { reported } from '../verdict'

/** The one local-only hook functions keep on purpose: the emulated clock (tests and demos live on a chosen day). */
const CLOCK = 'WX_EMULATOR_CLOCK_OFFSET_MS'

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : []
  })
}

/**
 * Code in the functions that runs only locally (issue 15): lines of `localBinding` functions (a port's
 * side channel to the emulator) and reads of `process.env.WX_EMULATOR_*` other than the clock's.
 */
export function localOnlyLines(files: Array<{ name: string; text: string }>): { bindingLines: number; emulatorReads: string[] } {
  let bindingLines = 0
  const emulatorReads: string[] = []
  for (const { name, text } of files) {
    const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionDeclaration(node) && node.name?.text === 'localBinding') {
        const { line: from } = file.getLineAndCharacterOfPosition(node.getStart())
        const { line: to } = file.getLineAndCharacterOfPosition(node.getEnd())
        bindingLines += to - from + 1
      }
      if (ts.isPropertyAccessExpression(node) && node.name.text.startsWith('WX_EMULATOR_') && node.name.text !== CLOCK && node.expression.getText(file) === 'process.env')
        emulatorReads.push(`${path.relative(FUNCTIONS_SOURCE, name)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`)
      ts.forEachChild(node, visit)
    }
    visit(file)
  }
  return { bindingLines, emulatorReads }
}

export const localMode: BenchSection = {
  name: 'localMode',
  async run() {
    const files = sources(FUNCTIONS_SOURCE).map((name) => ({ name, text: readFileSync(name, 'utf8') }))
    const { bindingLines, emulatorReads } = localOnlyLines(files)
    return {
      rows: [
        {
          figure: 'local mode: lines of local-only bindings in the functions (openapi, storage, hand-over side channels; 47 at b0035c4, before issue 15)',
          value: String(bindingLines),
          goal: '0',
          met: bindingLines === 0,
        },
        {
          figure: 'local mode: reads of an emulator-only variable in the functions (the clock’s aside; 3 at b0035c4)',
          value: String(emulatorReads.length),
          goal: '0',
          met: emulatorReads.length === 0,
        },
        reported('local mode: the emulator’s JSON endpoints for those side channels (counted by hand: 114 lines before, 0 after)', '0'),
      ],
      results: { bindingLines, emulatorReads },
    }
  },
}
