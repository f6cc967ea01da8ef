import { Button } from '@tarojs/components'

/** Local H5 build: no open-type in a browser, so the tap is the agreement. */
export function AgreeButton({ id, className, onAgree }: { id: string; className: string; onAgree: () => void }) {
  return (
    <Button id={id} className={className} onClick={onAgree} data-testid='privacy-agree'>
      同意并继续
    </Button>
  )
}
