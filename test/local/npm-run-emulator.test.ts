/**
 * `npm run emulator` starts the local cloud alone and prints its TCB endpoint; the real
 * wx-server-sdk in another process, given the printed environment, reads and writes through it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { ROOT, TEST_FUNCTIONS_OUTPUT } from '../../scripts/functions'

describe('npm run emulator', () => {
  let child: ChildProcess
  let printed = ''
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    }
  })

  it('prints an endpoint and the environment that point the real SDK at it', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'local', 'emulator.ts'), '--memory', '--no-build', '--port', '0', '--functions', TEST_FUNCTIONS_OUTPUT], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        printed += chunk.toString('utf8')
        if (printed.includes('Ctrl-C')) resolve()
      })
      child.once('exit', (code) => reject(new Error(`exited ${code} before printing its endpoint: ${printed}`)))
    })
    const endpoint = /TCB endpoint: (http:\/\/127\.0\.0\.1:\d+\/admin)/.exec(printed)?.[1]
    expect(endpoint).toBeDefined()
    const env = Object.fromEntries([...printed.matchAll(/^ {4}([A-Z_]+)=(.*)$/gm)].map(([, key, value]) => [key, value.replace(/^'(.*)'$/, '$1')]))
    expect(JSON.parse(env.TCB_CONTEXT_CNFG)).toEqual({ URL: endpoint })

    Object.assign(process.env, env)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    const db = cloud.database()
    const { data: members } = await db.collection('members').where({ _id: 'demo-member-gold' }).get()
    expect(members.map((member: { profile: { name: string } }) => member.profile.name)).toEqual(['林晓雨'])
    const { _id } = await db.collection('notes').add({ data: { text: '来自另一个脚本' } })
    const { data: note } = await db.collection('notes').doc(_id).get()
    expect(note.text).toBe('来自另一个脚本')
  })
})
