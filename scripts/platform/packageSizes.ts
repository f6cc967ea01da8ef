import type { PackageSizes } from '../../bench/packageSize'

const KB = 1024
const MB = 1024 * KB

/** WeChat's upload limits, and our own, tighter budget for the main package (it is what a member's first open downloads). */
export const PACKAGE_LIMITS = { mainBudgetBytes: 512 * KB, mainBytes: 2 * MB, subpackageBytes: 2 * MB, totalBytes: 20 * MB }

const size = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / KB).toFixed(1)} KB`)

/** What upload would refuse, or our budget does not allow, in a built weapp's sizes. */
export function packageSizeProblems(sizes: PackageSizes, limits = PACKAGE_LIMITS): string[] {
  const problems: string[] = []
  if (sizes.mainBytes > limits.mainBytes) problems.push(`main package is ${size(sizes.mainBytes)}, over WeChat's ${size(limits.mainBytes)}`)
  else if (sizes.mainBytes > limits.mainBudgetBytes) problems.push(`main package is ${size(sizes.mainBytes)}, over our budget of ${size(limits.mainBudgetBytes)}`)
  for (const [root, bytes] of Object.entries(sizes.subpackages)) {
    if (bytes > limits.subpackageBytes) problems.push(`subpackage ${root} is ${size(bytes)}, over WeChat's ${size(limits.subpackageBytes)}`)
  }
  if (sizes.totalBytes > limits.totalBytes) problems.push(`all packages together are ${size(sizes.totalBytes)}, over WeChat's ${size(limits.totalBytes)}`)
  return problems
}
