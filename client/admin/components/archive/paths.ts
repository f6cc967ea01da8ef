/** The member archive (360 page) of a card. */
export const archiveUrl = (cardNo: string) => `/admin/pages/archive/index?cardNo=${cardNo}`
