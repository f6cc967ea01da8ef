/** Local H5 build: a browser cannot set the screen's brightness. */
export async function brightenScreen(): Promise<() => void> {
  return () => undefined
}
