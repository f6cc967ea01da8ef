/** `npm run db:indexes`: the indexes to create in the WeChat cloud console, one line each. */
import { COLLECTIONS } from '../cloudfunctions/shared/data/collections'
import { INDEXES } from '../cloudfunctions/shared/data/indexes'

console.log(`collections (security rule {"read": false, "write": false} on each): ${COLLECTIONS.join(', ')}\n`)
for (const index of INDEXES) {
  const fields = index.fields.map(([field, direction]) => `${field} ${direction === 1 ? '升序' : '降序'}`).join(', ')
  console.log(`${index.collection.padEnd(10)} ${index.name.padEnd(16)} ${index.unique ? '唯一' : '非唯一'}  ${fields}`)
}
