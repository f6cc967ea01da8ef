/**
 * What npm start serves in place of the app while the H5 build runs: it says so and reloads itself
 * every two seconds, so the tab opened at once becomes the app when the build is swapped in.
 */
export function buildingPage(startedAt: number, now: number): string {
  const seconds = Math.round((now - startedAt) / 1000)
  return page('正在构建…', `<meta http-equiv="refresh" content="2" />`, `会员通正在构建 H5 应用，已用 ${seconds} 秒（首次约 1 分钟）。构建完成后本页会自动打开应用。`)
}

/** The build failed: no reload (it would only fail again); the terminal has taro's output. */
export function buildFailedPage(): string {
  return page('构建失败', '', 'H5 应用构建失败，原因见运行 npm start 的终端。修复后重新运行 npm start。')
}

function page(title: string, head: string, text: string): string {
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width,initial-scale=1" />
    ${head}
    <title>${title} · 会员通</title>
    <style>
      body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; font-family: system-ui, sans-serif; background: #f6f6f6; color: #333; }
      main { max-width: 320px; padding: 24px; text-align: center; line-height: 1.6; }
      h1 { font-size: 20px; margin: 0 0 12px; }
    </style>
  </head>
  <body>
    <main data-testid="building-page"><h1>${title}</h1><p>${text}</p></main>
  </body>
</html>
`
}
