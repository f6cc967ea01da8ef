import jobsConfig from '../../cloudfunctions/jobs/config.json'

describe('function config.json', () => {
  it('the jobs function declares its one timer, daily at 00:30 Beijing time, with the 60 s timeout', () => {
    expect(jobsConfig.triggers).toEqual([{ name: 'daily', type: 'timer', config: '0 30 0 * * * *' }])
    expect(jobsConfig.timeout).toBe(60)
  })
})
