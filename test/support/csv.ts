/**
 * A strict RFC 4180 reader for tests: records end in CRLF, a quoted field may hold commas, CR, LF and
 * doubled quotes, and a quote anywhere else is an error (so a writer that forgets to quote fails
 * loudly rather than parsing into the wrong cells). Written here rather than taken from a package: the
 * test must not share the writer's assumptions.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let at = 0
  let quoted = false
  let fieldStarted = false
  const endField = () => {
    record.push(field)
    field = ''
    quoted = false
    fieldStarted = false
  }
  while (at < text.length) {
    const char = text[at]
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') {
        field += '"'
        at += 2
      } else if (char === '"') {
        quoted = false
        at++
        if (at < text.length && text[at] !== ',' && text[at] !== '\r') throw new Error(`characters after a closing quote at ${at}`)
      } else {
        field += char
        at++
      }
      continue
    }
    if (char === '"') {
      if (fieldStarted || field.length > 0) throw new Error(`a quote inside an unquoted field at ${at}`)
      quoted = true
      fieldStarted = true
      at++
    } else if (char === ',') {
      endField()
      at++
    } else if (char === '\r') {
      if (text[at + 1] !== '\n') throw new Error(`a bare CR at ${at}`)
      endField()
      records.push(record)
      record = []
      at += 2
    } else if (char === '\n') {
      throw new Error(`a bare LF at ${at}`)
    } else {
      field += char
      fieldStarted = true
      at++
    }
  }
  if (quoted) throw new Error('an unclosed quote')
  if (field.length > 0 || record.length > 0) throw new Error('the last record does not end in CRLF')
  return records
}
