/** Dates read through the one set of formatters in the contract; these names remain for older imports. */
export { formatDate as fullDate, formatDateTime as dateTime, formatMonthDay as monthDay } from '@contract/format'
