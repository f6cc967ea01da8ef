/**
 * A new store's id: `store-` and the number after the highest in use, three digits at least
 * (`store-001`, the first shop's, onwards). Ids are what orders, members' sources and join codes
 * record, so they never change and are never reused, even for a closed store.
 */
export function nextStoreId(taken: ReadonlySet<string>): string {
  let highest = 0
  for (const id of taken) {
    const match = /^store-(\d+)$/.exec(id)
    if (match) highest = Math.max(highest, Number(match[1]))
  }
  for (let number = highest + 1; ; number++) {
    const id = `store-${String(number).padStart(3, '0')}`
    if (!taken.has(id)) return id
  }
}
