import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { CloudError } from '../services/cloud'

/** Any failure as a CloudError, so pages show one kind of message. */
export function asCloudError(error: unknown): CloudError {
  return error instanceof CloudError ? error : new CloudError({ code: 'INTERNAL', message: '系统繁忙，请稍后重试' })
}

/** What to tell the person: the first field's own message says more than "提交的信息有误". */
export function describeError(error: CloudError): string {
  return error.fields?.[0]?.message ?? error.message
}

export function toastError(error: unknown): void {
  void Taro.showToast({ title: describeError(asCloudError(error)), icon: 'none', duration: 2500 })
}

/**
 * One form's submission: a busy flag that also swallows a second tap while the first is in flight,
 * the envelope's field errors by path, and a toast for whatever failed.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const inFlight = useRef(false)

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    if (inFlight.current) return undefined
    inFlight.current = true
    setBusy(true)
    try {
      const result = await action()
      setFieldErrors({})
      return result
    } catch (error) {
      const cloudError = asCloudError(error)
      setFieldErrors(Object.fromEntries((cloudError.fields ?? []).map((field) => [field.path, field.message])))
      toastError(cloudError)
      return undefined
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  return { busy, fieldErrors, run, clearFieldErrors: () => setFieldErrors({}) }
}
