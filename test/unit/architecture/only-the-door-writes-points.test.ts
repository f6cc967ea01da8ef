import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/**
 * The one door for points (issue 8), held by reading the sources: every ledger row and every
 * change to a member's points, lots, activity or tier is written by data/applyDecision.ts from a
 * Decision, and by nothing else. A new feature that writes the ledger or a balance by hand fails here.
 */
const ROOT = path.resolve(__dirname, '../../../cloudfunctions')
const DOOR = 'shared/data/applyDecision.ts'
/** Reads the ledger; may not write it. */
const LEDGER_READER = 'shared/data/ledger.ts'
/** Reads documents by a collection name it is given (getOrNull), and hides where() inside transactions. */
const TRANSACTION_HELPER = 'shared/data/transaction.ts'
const MEMBERS_REPOSITORY = 'shared/data/members.ts'
/**
 * Repositories of other member fields (issue 12): segments (the RFM class, the figures, tags) and
 * messaging (consent, opt-outs, campaign history). They reach members too; the write check below
 * holds them like everyone else, so none of them can touch a points field.
 */
const MEMBER_FIELD_REPOSITORIES = new Set(['shared/data/segments.ts', 'shared/data/messaging.ts', 'shared/data/memberPrivacy.ts'])

/** What a member document holds that only a Decision may change. */
const POINTS_FIELDS = new Set(['pointsBalance', 'lifetimePoints', 'pointLots', 'nextExpiryAt', 'activity', 'tier', 'tierSince', 'tierUntil', 'lastBirthdayPerk'])
/** The SDK's writes, and the repositories' own names for them. */
const WRITE_METHODS = new Set(['add', 'set', 'update', 'remove', 'setFields', 'insert'])

interface Source {
  file: string
  tree: ts.SourceFile
}

function sourcesUnder(root: string): Source[] {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.ts')) files.push(full)
    }
  }
  walk(root)
  return files.map((full) => ({ file: path.relative(root, full).split(path.sep).join('/'), tree: ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true) }))
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node)
  node.forEachChild((child) => visit(child, each))
}

const where = (source: Source, node: ts.Node) => `${source.file}:${source.tree.getLineAndCharacterOfPosition(node.getStart()).line + 1}`

/** `x.collection(arg)` calls: the collection's name when it is a literal, else null. */
function collectionCalls(source: Source): Array<{ node: ts.CallExpression; name: string | null }> {
  const calls: Array<{ node: ts.CallExpression; name: string | null }> = []
  visit(source.tree, (node) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'collection') return
    const [argument] = node.arguments
    calls.push({ node, name: argument && ts.isStringLiteralLike(argument) ? argument.text : null })
  })
  return calls
}

/** Calls of a write method: `.add(…)`, `.update(…)`, `members.setFields(…)` … */
function writeCalls(source: Source): ts.CallExpression[] {
  const calls: ts.CallExpression[] = []
  visit(source.tree, (node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && WRITE_METHODS.has(node.expression.name.text)) calls.push(node)
  })
  return calls
}

/** Property names in object literals anywhere inside `node`: `{ pointsBalance: … }`, `{ 'tier': … }`, `{ tier }`. */
function literalKeys(node: ts.Node): Array<{ node: ts.Node; key: string }> {
  const keys: Array<{ node: ts.Node; key: string }> = []
  visit(node, (inner) => {
    if (!ts.isObjectLiteralExpression(inner)) return
    for (const property of inner.properties) {
      const name = property.name
      if (name && (ts.isIdentifier(name) || ts.isStringLiteralLike(name))) keys.push({ node: property, key: name.text })
    }
  })
  return keys
}

/** Where a source breaks the door; empty when it keeps it. */
function doorBreaches(sources: Source[]): string[] {
  const breaches: string[] = []
  for (const source of sources) {
    if (source.file === DOOR) continue
    for (const { node, name } of collectionCalls(source)) {
      if (name === 'ledger' && source.file !== LEDGER_READER) breaches.push(`${where(source, node)} reaches the ledger outside ${LEDGER_READER} (reads) and ${DOOR} (writes)`)
      if (name === 'members' && source.file !== MEMBERS_REPOSITORY && !MEMBER_FIELD_REPOSITORIES.has(source.file))
        breaches.push(`${where(source, node)} reaches members outside ${MEMBERS_REPOSITORY} and ${DOOR}`)
      if (name === null && source.file !== TRANSACTION_HELPER) breaches.push(`${where(source, node)} names a collection that is not a literal, so nothing can tell whether it is the ledger`)
    }
    for (const call of writeCalls(source)) {
      if (source.file === LEDGER_READER) breaches.push(`${where(source, call)} writes in the ledger's reader; rows are appended only by ${DOOR}`)
      for (const { node, key } of literalKeys(call)) {
        if (POINTS_FIELDS.has(key)) breaches.push(`${where(source, node)} writes a member's ${key} by hand; only a Decision changes it (${DOOR})`)
      }
    }
  }
  return breaches
}

describe('the one door for points', () => {
  const sources = sourcesUnder(ROOT)

  it('reads every cloud function source (a wrong root would pass vacuously)', () => {
    expect(sources.map((source) => source.file)).toEqual(expect.arrayContaining([DOOR, LEDGER_READER, MEMBERS_REPOSITORY, 'points/actions/accrue.ts', 'shared/app/expirySweep.ts']))
  })

  it('is the only writer of ledger rows and of a member’s points, lots, activity and tier', () => {
    expect(doorBreaches(sources)).toEqual([])
  })

  it('still writes all of them itself (the rule would be empty if the door moved)', () => {
    const door = sources.find((source) => source.file === DOOR)!
    const text = door.tree.getFullText()
    for (const collection of ['ledger', 'tier_changes', 'coupons', 'redemptions', 'rewards', 'refunds', 'members']) expect(text).toContain(`'${collection}'`)
  })

  describe('fails a new feature that writes by hand', () => {
    const feature = (file: string, code: string) => doorBreaches([...sources, { file, tree: ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true) }])

    it.each([
      ['a ledger row appended in an action', 'activity/actions/signup.ts', `await transaction.collection('ledger').add({ data: { _id: key, delta: -100 } })`],
      ['a ledger row appended by a new repository', 'shared/data/signups.ts', `await db.collection('ledger').add({ data: row })`],
      ['the ledger reached through a collection name in a variable', 'shared/data/campaigns.ts', `const name = 'ledger'; await transaction.collection(name).add({ data: row })`],
      ['a balance set in a transaction', 'ticket/actions/compensate.ts', `await transaction.collection('members').doc(openid).update({ data: { pointsBalance: balance + 50 } })`],
      ['lots set by a new repository', 'shared/data/signups.ts', `await collection.doc(openid).update({ data: { pointLots: lots, nextExpiryAt } })`],
      ['a tier set through the members repository', 'marketing/actions/promote.ts', `await membersRepo(db).setFields(openid, { tier: 'gold', tierUntil: null })`],
    ])('%s', (_label, file, code) => {
      expect(feature(file, code)).not.toEqual([])
    })

    it('and a write in the ledger reader itself', () => {
      const reader = sources.find((source) => source.file === LEDGER_READER)!
      const widened = reader.tree.getFullText() + `\nexport async function append(db: Database, row: LedgerRow) { await db.collection('ledger').add({ data: row }) }\n`
      expect(doorBreaches([...sources.filter((source) => source !== reader), { file: LEDGER_READER, tree: ts.createSourceFile(LEDGER_READER, widened, ts.ScriptTarget.Latest, true) }])).not.toEqual([])
    })
  })
})

describe('layers', () => {
  const sources = sourcesUnder(ROOT)
  const imports = (source: Source) =>
    source.tree.statements.flatMap((statement) =>
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? [statement.moduleSpecifier.text] : [],
    )
  const resolved = (source: Source, specifier: string) => (specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(source.file), specifier)) : specifier)

  it('domain/ imports nothing from data/, runtime/ or app/; data/ nothing from app/', () => {
    const crossings = sources.flatMap((source) =>
      imports(source)
        .map((specifier) => resolved(source, specifier))
        .filter((target) => (source.file.startsWith('shared/domain/') && /^shared\/(data|runtime|app)\//.test(target)) || (source.file.startsWith('shared/data/') && target.startsWith('shared/app/')))
        .map((target) => `${source.file} → ${target}`),
    )
    expect(crossings).toEqual([])
  })

  it('nothing in cloudfunctions imports the emulator', () => {
    expect(
      sources.flatMap((source) =>
        imports(source)
          .filter((specifier) => resolved(source, specifier).includes('emulator'))
          .map((specifier) => `${source.file} → ${specifier}`),
      ),
    ).toEqual([])
  })
})
