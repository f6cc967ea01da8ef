/** A collection's security rule as the console's custom rules take it. */
export type SecurityRule = Record<string, unknown>

/**
 * Clients never touch the database (every read and write goes through a function), so each collection
 * the product uses needs the deny-all rule; a collection without one would be created with the console's
 * default, which lets a client read. A rule for a name the product does not use is a leftover or a typo.
 */
export function securityRuleProblems(rules: Record<string, SecurityRule>, collections: readonly string[]): string[] {
  const problems: string[] = []
  for (const collection of collections) {
    const rule = rules[collection]
    if (!rule) problems.push(`collection ${collection} has no security rule in database/security-rules.json`)
    else if (!isDenyAll(rule)) problems.push(`collection ${collection}'s security rule is ${JSON.stringify(rule)}, not {"read": false, "write": false}`)
  }
  for (const name of Object.keys(rules)) {
    if (!collections.includes(name)) problems.push(`database/security-rules.json has a rule for ${name}, which is not in COLLECTIONS`)
  }
  return problems
}

function isDenyAll(rule: SecurityRule): boolean {
  const keys = Object.keys(rule).sort()
  return keys.length === 2 && keys[0] === 'read' && keys[1] === 'write' && rule.read === false && rule.write === false
}
