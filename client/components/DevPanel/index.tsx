/** The identity switcher exists only in the local H5 build (index.h5.tsx); WeChat knows who you are. */
export function DevPanel() {
  return null
}
