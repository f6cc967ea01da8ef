#!/usr/bin/env node
/**
 * `node scripts/together.cjs typecheck lint`: runs npm scripts side by side (each is one process on
 * one core, and the machines have two), prints each one's output whole when it ends so the logs
 * never interleave, and fails if any of them failed.
 */
const { spawn } = require('node:child_process')

const scripts = process.argv.slice(2)
if (scripts.length === 0) {
  console.error('usage: node scripts/together.cjs <npm script> [<npm script> …]')
  process.exit(2)
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const runs = scripts.map(
  (script) =>
    new Promise((resolve) => {
      const started = Date.now()
      const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] })
      const output = []
      child.stdout.on('data', (chunk) => output.push(chunk))
      child.stderr.on('data', (chunk) => output.push(chunk))
      child.on('close', (code, signal) => {
        const seconds = ((Date.now() - started) / 1000).toFixed(1)
        process.stdout.write(`\n> npm run ${script}\n${Buffer.concat(output).toString()}`)
        process.stdout.write(`${script}: ${code === 0 ? 'ok' : `failed (${signal ?? code})`} in ${seconds} s\n`)
        resolve(code === 0)
      })
    }),
)

Promise.all(runs).then((results) => process.exit(results.every(Boolean) ? 0 : 1))
