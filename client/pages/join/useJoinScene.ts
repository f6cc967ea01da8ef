import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import type { JoinSceneInfo } from '@contract/member'
import { callCloud } from '../../services/cloud'

/**
 * The shop's join code opens this page with `?scene=` (URL-encoded by WeChat). The scene is passed
 * to join as is; the server decides which store and referrer in it are real.
 */
export function useJoinScene(): { scene: string | undefined; info: JoinSceneInfo | null } {
  const raw = useRouter().params.scene
  const scene = raw ? safeDecode(raw) : undefined
  const [info, setInfo] = useState<JoinSceneInfo | null>(null)
  useEffect(() => {
    if (!scene) return
    callCloud('member', 'sceneInfo', { scene }).then(setInfo, () => setInfo(null))
  }, [scene])
  return { scene, info }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
