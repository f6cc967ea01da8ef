import { numberProblem, patternProblem } from '@contract/fields'
import { CLOCK_TIME, SLA_MINUTES, TICKET_CATEGORIES, businessHoursProblem, type SlaSettings, type SlaTimes, type TicketCategory } from '@contract/ticketFields'
import { formatMinutes } from './words'

/**
 * 服务时限 as the owner types it (hours and minutes, HH:mm, weekday chips) and as the contract takes
 * it (whole minutes). The checks are the server's: SLA_MINUTES on the total, CLOCK_TIME, and
 * businessHoursProblem; errors are keyed by the payload's paths.
 */

export type Clock = 'firstResponse' | 'resolution'
export const CLOCKS: Clock[] = ['firstResponse', 'resolution']
export const CLOCK_LABELS: Record<Clock, string> = { firstResponse: '首次响应', resolution: '解决时限' }
const FIELD_OF: Record<Clock, keyof SlaTimes> = { firstResponse: 'firstResponseMinutes', resolution: 'resolutionMinutes' }

export interface SpanForm {
  hours: string
  minutes: string
}

export interface SlaForm {
  categories: Record<TicketCategory, Record<Clock, SpanForm>>
  businessHoursOn: boolean
  opens: string
  closes: string
  weekdays: number[]
}

const WORKWEEK = [1, 2, 3, 4, 5, 6, 7]

function spanOf(minutes: number): SpanForm {
  return { hours: String(Math.floor(minutes / 60)), minutes: String(minutes % 60) }
}

export function formOfSla(settings: SlaSettings): SlaForm {
  const hours = settings.businessHours
  return {
    categories: Object.fromEntries(
      TICKET_CATEGORIES.map((category) => {
        const times = settings.categories[category]
        return [category, { firstResponse: spanOf(times.firstResponseMinutes), resolution: spanOf(times.resolutionMinutes) }]
      }),
    ) as SlaForm['categories'],
    businessHoursOn: hours !== null,
    opens: hours?.opens ?? '09:00',
    closes: hours?.closes ?? '21:00',
    weekdays: hours?.weekdays ?? WORKWEEK,
  }
}

export const slaPath = (category: TicketCategory, clock: Clock) => `categories.${category}.${FIELD_OF[clock]}`

const SPAN_RANGE = `（${formatMinutes(SLA_MINUTES.min)}–${formatMinutes(SLA_MINUTES.max)}）`

/** Whole minutes from hours and minutes as typed, or what is wrong: the contract's rule on the total. */
export function readSpan(span: SpanForm): { value: number; error: null } | { value: null; error: string } {
  const hours = span.hours.trim()
  const minutes = span.minutes.trim()
  if (!hours && !minutes) return { value: null, error: SLA_MINUTES.empty }
  if (!/^\d*$/.test(hours) || !/^\d*$/.test(minutes)) return { value: null, error: '小时和分钟须为整数' }
  if (Number(minutes || 0) > 59) return { value: null, error: '分钟须为 0–59' }
  const total = Number(hours || 0) * 60 + Number(minutes || 0)
  const problem = numberProblem(total, SLA_MINUTES)
  return problem ? { value: null, error: `${problem}${SPAN_RANGE}` } : { value: total, error: null }
}

export function readSlaForm(form: SlaForm): { settings: SlaSettings | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const categories = Object.fromEntries(
    TICKET_CATEGORIES.map((category) => {
      const times = Object.fromEntries(
        CLOCKS.map((clock) => {
          const reading = readSpan(form.categories[category][clock])
          if (reading.error !== null) errors[slaPath(category, clock)] = reading.error
          return [FIELD_OF[clock], reading.value ?? 0]
        }),
      ) as unknown as SlaTimes
      return [category, times]
    }),
  ) as SlaSettings['categories']
  let businessHours: SlaSettings['businessHours'] = null
  if (form.businessHoursOn) {
    businessHours = { opens: form.opens.trim(), closes: form.closes.trim(), weekdays: [...form.weekdays].sort((a, b) => a - b) }
    const opensProblem = patternProblem(form.opens, CLOCK_TIME)
    const closesProblem = patternProblem(form.closes, CLOCK_TIME)
    if (opensProblem) errors['businessHours.opens'] = opensProblem
    if (closesProblem) errors['businessHours.closes'] = closesProblem
    const hoursProblem = opensProblem || closesProblem ? null : businessHoursProblem(businessHours)
    if (hoursProblem) errors.businessHours = hoursProblem
  }
  return Object.keys(errors).length > 0 ? { settings: null, errors } : { settings: { categories, businessHours }, errors }
}
