import ts from 'typescript'

/** Where the port lives, as esbuild names it in a bundle built from the project's root. */
export const PORT_MODULE = 'cloudfunctions/shared/runtime/openapi.ts'

/**
 * Each port method and the WeChat API it calls (`getUnlimitedQrCode` → `wxacode.getUnlimited`), read from
 * the port's one binding (`openapi()`, the SDK's calls), so a method added there is known here without
 * a second list to keep.
 */
export function portApis(portSource: string): Map<string, string> {
  const file = ts.createSourceFile(PORT_MODULE, portSource, ts.ScriptTarget.Latest, true)
  const binding = file.statements.find((statement): statement is ts.FunctionDeclaration => ts.isFunctionDeclaration(statement) && statement.name?.text === 'openapi')
  if (!binding?.body) throw new Error(`${PORT_MODULE}: no openapi() to read the port's WeChat APIs from`)
  const apis = new Map<string, string>()
  visit(binding.body, (node) => {
    if (!ts.isMethodDeclaration(node) || !ts.isObjectLiteralExpression(node.parent)) return
    const called = new Set<string>()
    visit(node, (inner) => {
      const api = sdkApiOf(inner)
      if (api) called.add(api)
    })
    const method = node.name.getText(file)
    if (called.size !== 1) throw new Error(`${PORT_MODULE}: port method ${method} calls ${called.size} cloud.openapi APIs; the lint maps each method to one`)
    apis.set(method, [...called][0])
  })
  if (apis.size === 0) throw new Error(`${PORT_MODULE}: openapi() has no methods`)
  return apis
}

/** The WeChat APIs one function's bundle can reach, and the modules that reach each. */
export interface OpenapiUses {
  /** API name → modules that call it through the port or directly. */
  apis: Map<string, Set<string>>
  /** `cloud.openapi.<ns>.<method>` written outside the port. */
  direct: Array<{ module: string; api: string }>
}

/**
 * Reads an unminified esbuild bundle (after tree shaking, so an import whose calls are never reached adds
 * nothing). esbuild starts each module's code with a `// <path>` line; the port's own module and
 * third-party packages are skipped, every other module is parsed and searched for the port's methods
 * (called, taken by destructuring, or indexed by name) and for direct `cloud.openapi` calls.
 */
export function openapiUses(bundle: string, apis: Map<string, string>): OpenapiUses {
  const uses: OpenapiUses = { apis: new Map(), direct: [] }
  const note = (api: string, module: string) => {
    const modules = uses.apis.get(api) ?? new Set<string>()
    modules.add(module)
    uses.apis.set(api, modules)
  }
  for (const { module, code } of bundleModules(bundle)) {
    if (module === PORT_MODULE || module.startsWith('node_modules/')) continue
    const file = ts.createSourceFile(module, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS)
    const syntaxErrors = (file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []
    if (syntaxErrors.length > 0) throw new Error(`the bundle's part for ${module} does not parse alone: esbuild's output no longer has the shape this lint reads`)
    visit(file, (node) => {
      const method = portMethodNamed(node)
      const viaPort = method === undefined ? undefined : apis.get(method)
      if (viaPort) note(viaPort, module)
      const direct = sdkApiOf(node)
      if (direct) {
        note(direct, module)
        uses.direct.push({ module, api: direct })
      }
    })
  }
  return uses
}

/**
 * WeChat refuses (-604101) an API a function's config.json does not list under permissions.openapi; a
 * listed API the function never calls is a permission it should not hold (or a misspelt name). Direct
 * SDK calls are refused too: the port is the one door, and locally only the port reaches the emulator.
 */
export function openapiProblems(fn: string, uses: OpenapiUses, listed: readonly string[]): string[] {
  const problems: string[] = []
  for (const [api, modules] of [...uses.apis].sort(([left], [right]) => left.localeCompare(right))) {
    if (!listed.includes(api)) problems.push(`${fn} calls ${api} (${[...modules].sort().join(', ')}) but its config.json does not list it under permissions.openapi`)
  }
  for (const api of listed) {
    if (!uses.apis.has(api)) problems.push(`${fn}'s config.json lists ${api} under permissions.openapi, but nothing in the function calls it`)
  }
  for (const { module, api } of uses.direct) problems.push(`${module} calls cloud.openapi.${api} directly; go through ${PORT_MODULE}`)
  return problems
}

function bundleModules(bundle: string): Array<{ module: string; code: string }> {
  return bundle.split(/^(?=\/\/ \S+$)/m).map((code) => {
    const header = /^\/\/ (\S+)\n/.exec(code)
    return { module: header?.[1] ?? '<esbuild runtime>', code }
  })
}

/** `port.getPhoneNumber`, `port['getPhoneNumber']` or `const { getPhoneNumber } = port`. */
function portMethodNamed(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) return node.argumentExpression.text
  if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
    const name = node.propertyName ?? node.name
    return ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : undefined
  }
  return undefined
}

/** `<x>.openapi.<ns>.<method>` or `<x>.openapi(<options>).<ns>.<method>` → `<ns>.<method>`. */
function sdkApiOf(node: ts.Node): string | undefined {
  if (!ts.isPropertyAccessExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined
  const namespace = node.expression
  const owner = ts.isCallExpression(namespace.expression) ? namespace.expression.expression : namespace.expression
  return ts.isPropertyAccessExpression(owner) && owner.name.text === 'openapi' ? `${namespace.name.text}.${node.name.text}` : undefined
}

function visit(node: ts.Node, onNode: (node: ts.Node) => void): void {
  onNode(node)
  ts.forEachChild(node, (child) => visit(child, onNode))
}
