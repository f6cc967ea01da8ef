import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { MemberTicket } from '@contract/ticket'
import { TICKET_IMAGE, TICKET_IMAGES_MAX, TICKET_TEXT, type TicketCategory } from '@contract/ticketFields'
import { textProblem } from '@contract/fields'
import { CONSENT_MOMENTS } from '@contract/templates'
import { useSubmit } from '../../hooks/useSubmit'
import { callCloud, CloudError } from '../../services/cloud'
import { askConsent, reportConsent } from '../../services/subscribe'
import { pickImage, uploadImage } from '../../services/upload'

/** What the complaint is about, as the page was opened with it. */
export interface TicketAbout {
  kind: 'order' | 'activity'
  id: string
  label: string
}

/** A picked picture; its file ID once uploaded, so a second try after a refusal does not upload it again. */
export interface Picture {
  path: string
  fileId: string | null
}

export const CATEGORY_MISSING = '请选择问题类型'

/**
 * The 提交反馈 form: its fields, the contract's checks (shown once the member has tried to send),
 * and the filing itself: consent in the tap, the pictures to the member's folder, then `file`.
 */
export function useTicketFiling(initialAbout: TicketAbout | null) {
  const [category, setCategory] = useState<TicketCategory | null>(initialAbout?.kind === 'activity' ? 'activity' : null)
  const [text, setText] = useState('')
  const [pictures, setPictures] = useState<Picture[]>([])
  const [about, setAbout] = useState(initialAbout)
  const [tried, setTried] = useState(false)
  const { busy, fieldErrors, run, clearFieldErrors } = useSubmit()

  const problems = { category: category ? null : CATEGORY_MISSING, text: textProblem(text, TICKET_TEXT) }
  const errors = {
    category: (tried && problems.category) || fieldErrors.category || null,
    text: (tried && problems.text) || fieldErrors.text || null,
    images: fieldErrors.images ?? null,
    about: fieldErrors['ref.id'] ?? fieldErrors['ref.kind'] ?? fieldErrors.ref ?? null,
    picture: (index: number) => fieldErrors[`images.${index}`] ?? null,
  }

  async function addPicture() {
    if (busy || pictures.length >= TICKET_IMAGES_MAX) return
    const picked = await pickImage()
    if (!picked) return
    if (picked.bytes > TICKET_IMAGE.maxBytes) return void Taro.showToast({ title: TICKET_IMAGE.tooLarge, icon: 'none' })
    clearFieldErrors()
    setPictures((shown) => [...shown, { path: picked.path, fileId: null }].slice(0, TICKET_IMAGES_MAX))
  }

  function removePicture(index: number) {
    if (busy) return
    clearFieldErrors()
    setPictures((shown) => shown.filter((_, at) => at !== index))
  }

  async function uploaded(): Promise<string[]> {
    if (pictures.every((picture) => picture.fileId)) return pictures.map((picture) => picture.fileId as string)
    const { folder } = await callCloud('ticket', 'uploadFolder', {})
    const fileIds = await Promise.all(
      pictures.map(
        (picture) =>
          picture.fileId ??
          uploadImage(picture.path, folder).catch(() => {
            throw new CloudError({ code: 'INTERNAL', message: '图片上传失败，请检查网络后重试' })
          }),
      ),
    )
    setPictures(pictures.map((picture, index) => ({ ...picture, fileId: fileIds[index] })))
    return fileIds
  }

  /** Runs in the tap: WeChat asks for the update messages only there, before anything is awaited. */
  function submit(): Promise<MemberTicket | undefined> {
    setTried(true)
    const problem = problems.category ?? problems.text
    if (problem || !category) {
      void Taro.showToast({ title: problem ?? CATEGORY_MISSING, icon: 'none' })
      return Promise.resolve(undefined)
    }
    const consent = askConsent(CONSENT_MOMENTS.ticket)
    return run(async () => {
      // The answer does not matter (the filing goes ahead either way); waiting keeps the dialog from racing the next page.
      // The report goes on beside the filing: a slow one must not hold the member's ticket up.
      void reportConsent(await consent)
      const images = await uploaded()
      return callCloud('ticket', 'file', { category, text: text.trim(), images, ref: about ? { kind: about.kind, id: about.id } : null })
    })
  }

  return {
    category,
    text,
    pictures,
    about,
    errors,
    busy,
    setCategory: (next: TicketCategory) => {
      clearFieldErrors()
      setCategory(next)
    },
    setText: (next: string) => {
      if (fieldErrors.text) clearFieldErrors()
      setText(next)
    },
    removeAbout: () => {
      clearFieldErrors()
      setAbout(null)
    },
    addPicture,
    removePicture,
    submit,
  }
}
