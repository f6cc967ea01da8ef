/** The parts of app.config.ts (or the built app.json) that say where pages live and which are tabs. */
export interface AppPages {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
  subpackages?: Array<{ root: string; pages: string[] }>
  tabBar?: { list: Array<{ pagePath: string }> }
}

/**
 * WeChat loads tab pages with the main package and refuses a tabBar page that a subpackage holds, or one
 * that is not a page at all; a tabBar has 2 to 5 items.
 */
export function tabBarProblems(app: AppPages): string[] {
  const tabs = app.tabBar?.list ?? []
  if (tabs.length === 0) return []
  const problems: string[] = []
  if (tabs.length < 2 || tabs.length > 5) problems.push(`the tabBar has ${tabs.length} items; WeChat takes 2 to 5`)
  const subpackages = app.subPackages ?? app.subpackages ?? []
  for (const { pagePath } of tabs) {
    const page = pagePath.replace(/^\//, '')
    const holder = subpackages.find((subpackage) => page.startsWith(subpackage.root.replace(/\/?$/, '/')))
    if (holder) problems.push(`tabBar page ${page} is in subpackage ${holder.root}; tab pages must be in the main package`)
    else if (!app.pages.includes(page)) problems.push(`tabBar page ${page} is not a page of the main package`)
  }
  const repeated = tabs.map((tab) => tab.pagePath).filter((page, index, all) => all.indexOf(page) !== index)
  if (repeated.length > 0) problems.push(`the tabBar lists ${repeated.join(', ')} more than once`)
  return problems
}
