import { NotAvailableError } from '../core/errors.js'
import { runAction } from './runtime.js'

await runAction(async () => {
  throw new NotAvailableError("The 'revert-pr' action")
})
