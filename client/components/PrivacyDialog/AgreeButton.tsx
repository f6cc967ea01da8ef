import { Button } from '@tarojs/components'

/**
 * WeChat accepts the agreement only from a button of this open-type, and only after its own
 * event: answering on the tap itself would come before WeChat has recorded it.
 */
export function AgreeButton({ id, className, onAgree }: { id: string; className: string; onAgree: () => void }) {
  return (
    <Button id={id} className={className} openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={onAgree} data-testid='privacy-agree'>
      同意并继续
    </Button>
  )
}
