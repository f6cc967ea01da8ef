/**
 * Local H5 build only: a desktop browser has no camera scan, so a sheet lists the member codes the
 * dev server issued lately (`GET /api/dev/member-codes`, newest first) and takes any pasted code.
 * Plain DOM, so the stand-in needs nothing the app does not already load. The weapp build uses
 * scan.ts and never sees this file.
 */
interface IssuedCode {
  cardNo: string
  name: string
  code: string
  expiresAt: string
}

export function scanMemberCode(): Promise<string | null> {
  return new Promise((resolve) => {
    const overlay = element('div', OVERLAY, { 'data-testid': 'scan-standin' })
    const sheet = element('div', SHEET)
    const list = element('div', 'margin:8px 0')
    const input = element('textarea', INPUT, { placeholder: '粘贴会员码', 'data-testid': 'scan-standin-input' })
    const cancel = element('button', `${BUTTON};border:1px solid #e3e5e8;background:#fff`, {}, '取消')
    const ok = element('button', `${BUTTON};border:none;background:#c8963e;color:#fff`, { 'data-testid': 'scan-standin-ok' }, '使用此码')
    const buttons = element('div', 'display:flex;gap:12px;margin-top:12px')
    buttons.append(cancel, ok)
    sheet.append(
      element('div', 'font-size:16px;font-weight:600;margin-bottom:4px', {}, '模拟扫码（本地调试）'),
      element('div', HINT, {}, '选择最近出示的会员码，或粘贴一个会员码'),
      list,
      input,
      buttons,
    )
    overlay.append(sheet)
    document.body.append(overlay)

    const finish = (code: string | null) => {
      overlay.remove()
      resolve(code)
    }
    overlay.addEventListener('click', (event) => event.target === overlay && finish(null))
    cancel.addEventListener('click', () => finish(null))
    ok.addEventListener('click', () => (input as HTMLTextAreaElement).value.trim() && finish((input as HTMLTextAreaElement).value.trim()))

    list.append(element('div', HINT, {}, '加载中…'))
    void loadIssuedCodes().then((codes) => {
      list.replaceChildren()
      if (codes.length === 0) list.append(element('div', HINT, {}, '暂无会员码：请先以会员身份打开会员卡'))
      for (const issued of codes) {
        const expired = Date.parse(issued.expiresAt) <= Date.now()
        const row = element('div', ITEM, { 'data-testid': 'scan-standin-code' })
        row.append(element('span', '', {}, `${issued.name} · ${issued.cardNo}`), element('span', `color:${expired ? '#e5484d' : '#8a8f99'}`, {}, expired ? '已过期' : '有效'))
        row.addEventListener('click', () => finish(issued.code))
        list.append(row)
      }
    })
  })
}

async function loadIssuedCodes(): Promise<IssuedCode[]> {
  try {
    const response = await fetch('/api/dev/member-codes')
    const codes: unknown = response.ok ? await response.json() : []
    return Array.isArray(codes) ? (codes as IssuedCode[]) : []
  } catch {
    return []
  }
}

function element(tag: string, style: string, attributes: Record<string, string> = {}, text?: string): HTMLElement {
  const node = document.createElement(tag)
  node.setAttribute('style', style)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  if (text !== undefined) node.textContent = text
  return node
}

const OVERLAY = 'position:fixed;inset:0;z-index:2000;background:rgba(0,0,0,.45);display:flex;align-items:flex-end'
const SHEET = 'width:100%;max-height:80%;overflow-y:auto;box-sizing:border-box;padding:16px;border-radius:12px 12px 0 0;background:#fff;font-size:14px'
const HINT = 'color:#8a8f99;font-size:12px;padding:4px 0'
const ITEM = 'display:flex;justify-content:space-between;padding:12px 4px;border-bottom:1px solid #f0f1f3;cursor:pointer'
const INPUT = 'width:100%;box-sizing:border-box;height:64px;padding:8px;border:1px solid #e3e5e8;border-radius:8px;font-size:12px'
const BUTTON = 'flex:1;height:40px;border-radius:20px;font-size:14px'
