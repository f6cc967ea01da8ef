import { useEffect, useRef, useState } from 'react'
import type { CheckoutQuote, CheckoutResult } from '@contract/checkout'
import { readNumber } from '@contract/fields'
import { CASH_POINTS, readAmount, toFen } from '@contract/staffFields'
import { callCloud } from '../services/cloud'
import { asCloudError } from './useSubmit'
import type { Till } from './useTill'

/** Long enough that typing ¥300 asks the server once, short enough that the options follow the amount. */
const QUOTE_DELAY_MS = 400

export interface CheckoutRequest {
  orderNo: string
  amount: number
  couponId: string | null
  points: number
  /** What the screen showed; the server refuses rather than charge anything else. */
  expectedPayableFen: number
  /** The order's lines, when the cashier listed them (they add up to the amount). */
  items?: { name: string; quantity: number; price: number; category?: string }[]
}

/**
 * One checkout at the till: the amount the cashier types, the quote it brings (discount, coupons,
 * the points rule) asked again whenever the amount or the scanned code changes, and the one call
 * that records the order. What is picked lives in the form; this holds what the server said.
 */
export function useCheckout(till: Till, amountText: string) {
  const amount = readAmount(amountText)
  const amountFen = amount.value === null ? null : toFen(amount.value)
  // Each answer is kept with what it was asked for, so a new amount or a rescan never shows an old one.
  const [quote, setQuote] = useState<{ memberCode: string; amountFen: number; quote: CheckoutQuote } | null>(null)
  const [quoteError, setQuoteError] = useState<string | null>(null)
  const [codeRefusal, setCodeRefusal] = useState<{ memberCode: string; message: string } | null>(null)
  const [requote, setRequote] = useState(0)
  const generation = useRef(0)
  const { memberCode } = till

  useEffect(() => {
    const mine = ++generation.current
    setQuoteError(null)
    if (!memberCode || amountFen === null) return undefined
    const timer = setTimeout(() => {
      callCloud('points', 'quote', { memberCode, amount: amountFen / 100 }).then(
        (answer) => {
          if (mine !== generation.current) return
          setQuote({ memberCode, amountFen, quote: answer })
          till.setBalance(answer.pointsBalance)
        },
        (failure: unknown) => {
          if (mine !== generation.current) return
          const error = asCloudError(failure)
          const codeField = error.fields?.find((field) => field.path === 'memberCode')
          if (codeField) setCodeRefusal({ memberCode, message: codeField.message })
          else setQuoteError(error.message)
        },
      )
    }, QUOTE_DELAY_MS)
    return () => clearTimeout(timer)
    // till.setBalance is a fresh function each render: the quote depends on the code and the amount only.
  }, [memberCode, amountFen, requote])

  /** Records the order. A refusal that means the screen is out of date (payable, coupon) asks for a new quote. */
  async function checkout(request: CheckoutRequest): Promise<CheckoutResult> {
    try {
      const result = await callCloud('points', 'checkout', {
        memberCode,
        storeId: till.storeId,
        orderNo: request.orderNo,
        amount: request.amount,
        ...(request.couponId ? { couponId: request.couponId } : {}),
        points: request.points,
        expectedPayable: request.expectedPayableFen / 100,
        ...(request.items ? { items: request.items } : {}),
      })
      till.setBalance(result.pointsBalance)
      return result
    } catch (failure) {
      const error = asCloudError(failure)
      const paths = (error.fields ?? []).map((field) => field.path)
      const codeField = error.fields?.find((field) => field.path === 'memberCode')
      if (codeField) setCodeRefusal({ memberCode, message: codeField.message })
      if (paths.includes('expectedPayable') || paths.includes('couponId')) {
        setQuote(null)
        setRequote((count) => count + 1)
      }
      throw error
    }
  }

  const current = quote && quote.memberCode === memberCode && quote.amountFen === amountFen ? quote.quote : null
  const codeProblem = codeRefusal?.memberCode === memberCode ? codeRefusal.message : null
  return {
    amount,
    amountFen,
    /** The quote for the amount now typed; null while it is asked for (or the amount is not a valid one). */
    quote: current,
    quoting: memberCode !== '' && amountFen !== null && current === null && quoteError === null && codeProblem === null,
    quoteError,
    /** The live code has expired (it lasts 60 s) or is not valid: rescan; what was typed stays. */
    codeProblem,
    checkout,
  }
}

/** Points as typed: empty is none; otherwise a whole number the contract's rule takes, or its message. */
export function readPoints(text: string): { value: number; error: string | null } {
  if (!text.trim()) return { value: 0, error: null }
  const reading = readNumber(text, CASH_POINTS)
  return reading.value === null ? { value: 0, error: reading.error } : { value: reading.value, error: null }
}
