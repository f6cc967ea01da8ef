/**
 * `@tarojs/taro` for component tests: the calls components make, recorded instead of shown.
 * `toasts` and `modals` hold what a person would have seen; `reset()` runs before each test.
 */
export const toasts: string[] = []
export const modals: Array<{ title?: string; content?: string }> = []
/** Where pageScrollTo was asked to go (a selector or a scrollTop). */
export const scrolls: Array<{ selector?: string; scrollTop?: number }> = []
/** What the next showModal answers, as if the person had tapped 确认 (true) or 取消. */
export const modalAnswer = { confirm: true }
export const redirects: string[] = []
export const clipboard: string[] = []

const Taro = {
  showToast: async ({ title }: { title: string }) => void toasts.push(title),
  showModal: async (options: { title?: string; content?: string }) => {
    modals.push(options)
    return { confirm: modalAnswer.confirm, cancel: !modalAnswer.confirm }
  },
  showLoading: async () => undefined,
  hideLoading: async () => undefined,
  stopPullDownRefresh: () => undefined,
  pageScrollTo: async ({ selector, scrollTop }: { selector?: string; scrollTop?: number }) => void scrolls.push({ selector, scrollTop }),
  navigateTo: async () => undefined,
  navigateBack: async () => undefined,
  /** Where redirectTo was sent (the accept page goes on to the staff home). */
  redirectTo: async ({ url }: { url: string }) => void redirects.push(url),
  setClipboardData: async ({ data }: { data: string }) => void clipboard.push(data),
  pxTransform: (size: number) => `${size / 2}px`,
  getCurrentInstance: () => ({ router: { params: {} as Record<string, string> } }),
  createSelectorQuery: () => ({ select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }) }),
}

export function reset(): void {
  toasts.length = 0
  modals.length = 0
  scrolls.length = 0
  redirects.length = 0
  clipboard.length = 0
  modalAnswer.confirm = true
}

export const useDidShow = () => undefined
export const useDidHide = () => undefined
export const useReachBottom = () => undefined
export const usePullDownRefresh = () => undefined
export const useRouter = () => Taro.getCurrentInstance().router
export default Taro
