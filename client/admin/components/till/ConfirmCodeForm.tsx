import { useState } from 'react'
import { patternProblem } from '@contract/fields'
import { REDEMPTION_CODE, normalizeCode } from '@contract/staffFields'
import { formatCardNo } from '@contract/format'
import type { ConfirmResult } from '@contract/rewards'
import type { Till } from '../../../hooks/useTill'
import { toast } from '../../validation'
import { ActionForm, ActionResult, CodeField, ResultLine, useAction } from '../ActionForm'

/** 核销: the member shows the code of a reward they redeemed; the cashier hands it over and confirms. */
export function ConfirmCodeForm({ till }: { till: Till }) {
  const [text, setText] = useState('')
  const action = useAction<ConfirmResult>()
  const code = normalizeCode(text)
  const codeError = patternProblem(code, REDEMPTION_CODE)

  async function confirm() {
    if (codeError) return toast(codeError)
    if (await action.run(null, () => till.confirm(code))) setText('')
  }

  const { result } = action
  return (
    <>
      <ActionForm submitLabel='核销' onSubmit={confirm} busy={action.busy} testId='confirm-submit'>
        <CodeField label='兑换码' rule={REDEMPTION_CODE} value={text} onChange={setText} error={codeError} serverError={action.fieldErrors.code} testId='confirm-code' />
      </ActionForm>
      {result && (
        <ActionResult testId='confirm-result' title={`「${result.rewardName}」已核销`}>
          <ResultLine>
            会员 {result.memberName} · {formatCardNo(result.cardNo)}
          </ResultLine>
          <ResultLine>
            兑换码 {result.code} · {result.pointsSpent.toLocaleString('zh-CN')} 积分
          </ResultLine>
        </ActionResult>
      )}
    </>
  )
}
