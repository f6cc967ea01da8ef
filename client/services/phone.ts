/**
 * The phone number in the mini-program. `<Button openType='getPhoneNumber'>` gives a one-time code
 * (its event), which only the server can exchange for the number. The privacy agreement it needs is
 * asked by WeChat itself (services/privacy.ts).
 */

/** In WeChat the phone button's own event brings the code, so a plain tap asks for nothing. */
export async function phoneCodeOnTap(): Promise<string | null> {
  return null
}
