/**
 * The one source of "now" for every rule. In WeChat cloud it is the real clock; the local emulator
 * may shift it per invocation (WX_EMULATOR_CLOCK_OFFSET_MS) so tests and demos can live on a chosen day.
 */
export function now(): Date {
  const offset = Number(process.env.WX_EMULATOR_CLOCK_OFFSET_MS ?? 0)
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0))
}
