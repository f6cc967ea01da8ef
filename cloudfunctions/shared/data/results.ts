/**
 * The SDK's typings mix promise and callback styles (`IQueryResult | void`); these narrow a
 * promised answer to what the server actually returns.
 */
export async function rowsOf<T>(query: { get(): unknown }): Promise<T[]> {
  const { data } = (await query.get()) as { data: T[] }
  return data
}

export async function countOf(query: { count(): unknown }): Promise<number> {
  const { total } = (await query.count()) as { total: number }
  return total
}
