import Taro from '@tarojs/taro'
import { offerRetry } from './pageRetry'

/** Taro's H5 routes: `load()` starts the page's chunk download (the first element is its promise). */
interface H5Route {
  path: string
  load: () => [Promise<unknown>, ...unknown[]]
}

function routeOf(url: string): H5Route | undefined {
  const path = url.split('?')[0].replace(/^\//, '')
  const routes = (window as { __taroAppConfig?: { routes?: H5Route[] } }).__taroAppConfig?.routes
  return routes?.find((route) => route.path === path)
}

/**
 * Opens a page. In H5 the router changes the URL first and loads the page's chunk afterwards, and
 * a chunk that fails (offline) leaves the tap doing nothing; so the chunk is loaded before
 * navigating, and a failure offers 重试 (webpack downloads a failed chunk afresh on the next try).
 */
export async function openPage(url: string): Promise<void> {
  try {
    await routeOf(url)?.load()[0]
  } catch {
    return offerRetry(() => openPage(url))
  }
  await Taro.navigateTo({ url })
}
