import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'

/**
 * The privacy dialog's state, shared by the platform's trigger (privacy.ts: WeChat's
 * onNeedPrivacyAuthorization; privacy.h5.ts: the dev stand-in) and the dialog a page hosts
 * (components/PrivacyDialog). Only the page on screen shows it: pages under it in the stack stay
 * mounted, so each host says when its page is shown.
 */
export type PrivacyAnswer = 'agree' | 'disagree'

interface Host {
  id: number
  shown: boolean
}

interface PromptState {
  /** The host asked to show the dialog, if one is. */
  askingHost: number | null
  /** What the person answered last (null: not asked yet), so a page can say what declining left out. */
  lastAnswer: PrivacyAnswer | null
}

let state: PromptState = { askingHost: null, lastAnswer: null }
let onAnswer: ((answer: PrivacyAnswer) => void) | null = null
const hosts: Host[] = []
const listeners = new Set<(next: PromptState) => void>()
let nextHostId = 1

function update(change: Partial<PromptState>): void {
  state = { ...state, ...change }
  listeners.forEach((listener) => listener(state))
}

/** Shows the dialog on the page on screen; false when that page hosts none (the caller then declines). */
export function showPrivacyPrompt(answer: (answer: PrivacyAnswer) => void): boolean {
  const host = [...hosts].reverse().find((candidate) => candidate.shown)
  if (!host) return false
  // WeChat waits on one request at a time; an earlier one still open is answered rather than left hanging.
  onAnswer?.('disagree')
  onAnswer = answer
  update({ askingHost: host.id })
  return true
}

export function answerPrivacyPrompt(answer: PrivacyAnswer): void {
  const pending = onAnswer
  onAnswer = null
  update({ askingHost: null, lastAnswer: answer })
  pending?.(answer)
}

/** The last answer, for pages that word their form by it (the join page's note after 不同意). */
export function usePrivacyAnswer(): PrivacyAnswer | null {
  return usePromptState().lastAnswer
}

/** For the dialog: whether this page's host is the one asked. */
export function usePrivacyHost(): boolean {
  const id = useRef(0)
  if (id.current === 0) id.current = nextHostId++
  const current = usePromptState()
  useEffect(() => {
    const host = { id: id.current, shown: true }
    hosts.push(host)
    return () => {
      hosts.splice(hosts.indexOf(host), 1)
      if (state.askingHost === host.id) answerPrivacyPrompt('disagree')
    }
  }, [])
  useDidShow(() => setShown(id.current, true))
  useDidHide(() => setShown(id.current, false))
  return current.askingHost === id.current
}

function setShown(id: number, shown: boolean): void {
  const host = hosts.find((candidate) => candidate.id === id)
  if (host) host.shown = shown
}

function usePromptState(): PromptState {
  const [current, setCurrent] = useState(state)
  useEffect(() => {
    listeners.add(setCurrent)
    setCurrent(state)
    return () => void listeners.delete(setCurrent)
  }, [])
  return current
}
